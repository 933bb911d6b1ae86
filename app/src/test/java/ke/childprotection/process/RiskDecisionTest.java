package ke.childprotection.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DMN tables of processes/ evaluated by the engine's own DMN engine. */
@ZeebeProcessTest
class RiskDecisionTest extends ProcessTestBase {

  private Map<String, Object> decide(String decisionId, Map<String, Object> variables) throws Exception {
    String json = client.newEvaluateDecisionCommand().decisionId(decisionId).variables(variables).send().join()
        .getDecisionOutput();
    return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
  }

  @ParameterizedTest(name = "{0} -> {1}, review every {2}")
  @CsvSource({
      "nonFamilyAbduction, HIGH, PT24H, true",
      "withUnknownAdult, HIGH, PT24H, true",
      "childMarriageOrFgmRisk, HIGH, PT24H, true",
      "disabilityOrMedicalNeed, HIGH, PT24H, true",
      "violenceAtHome, MEDIUM, PT72H, false",
      "outOfCharacter, MEDIUM, PT72H, false",
      "previousEpisodes, MEDIUM, PT72H, false",
      "institutionalCareOrOnTheMove, MEDIUM, PT72H, false"})
  void eachIndicatorSetsItsLevel(String indicator, String level, String interval, boolean alert) throws Exception {
    Map<String, Object> input = new HashMap<>(Map.of("childAge", 15));
    input.put(indicator, true);
    Map<String, Object> risk = decide("riskAssessment", input);
    assertThat(risk).containsEntry("riskLevel", level).containsEntry("reviewInterval", interval)
        .containsEntry("alertRecommended", alert);
  }

  @Test
  void youngChildIsHighRiskAndNoIndicatorIsLow() throws Exception {
    assertThat(decide("riskAssessment", Map.of("childAge", 11))).containsEntry("riskLevel", "HIGH")
        .containsEntry("longMissingEscalation", "P7D");
    assertThat(decide("riskAssessment", Map.of("childAge", 15, "violenceAtHome", true)))
        .containsEntry("longMissingEscalation", "P30D");
    assertThat(decide("riskAssessment", Map.of("childAge", 12)))
        .containsEntry("riskLevel", "LOW").containsEntry("reviewInterval", "P7D").containsEntry("alertRecommended", false)
        .containsEntry("longMissingEscalation", "P30D");
    assertThat(decide("riskAssessment", new HashMap<>(Map.of()))).as("unknown age, no indicator").containsEntry("riskLevel", "LOW");
  }

  @Test
  void traffickingIsSuspectedOnGroomingCrossBorderOrUnknownAdultWithAChildOnTheMove() throws Exception {
    assertThat(decide("riskAssessment", Map.of("childAge", 15, "groomingOrExploitation", true)))
        .containsEntry("traffickingSuspected", true);
    assertThat(decide("riskAssessment", Map.of("childAge", 15, "crossBorderMovement", true)))
        .containsEntry("traffickingSuspected", true);
    assertThat(decide("riskAssessment", Map.of("childAge", 15, "withUnknownAdult", true, "institutionalCareOrOnTheMove", true)))
        .containsEntry("traffickingSuspected", true);
    assertThat(decide("riskAssessment", Map.of("childAge", 15, "withUnknownAdult", true)))
        .containsEntry("traffickingSuspected", false);
  }

  @Test
  void triageGivesHighRiskReportsOneHourAndOthersThree() throws Exception {
    assertThat(decide("reportTriage", Map.of("childAge", 9, "disabilityOrMedicalNeed", false, "suspectedAbduction", false)))
        .containsEntry("provisionalRisk", "HIGH").containsEntry("assignmentSla", "PT1H");
    assertThat(decide("reportTriage", Map.of("childAge", 15, "disabilityOrMedicalNeed", false, "suspectedAbduction", true)))
        .containsEntry("assignmentSla", "PT1H");
    assertThat(decide("reportTriage", Map.of("childAge", 15, "disabilityOrMedicalNeed", true, "suspectedAbduction", false)))
        .containsEntry("assignmentSla", "PT1H");
    assertThat(decide("reportTriage", Map.of("childAge", 15, "disabilityOrMedicalNeed", false, "suspectedAbduction", false)))
        .containsEntry("provisionalRisk", "STANDARD").containsEntry("assignmentSla", "PT3H");
  }
}
