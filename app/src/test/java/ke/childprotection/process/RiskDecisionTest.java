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
  void forAChildTheActAndThePurposeSufficeTheMeansNeedNotBeShown() throws Exception {
    assertThat(decide("traffickingScreening", Map.of("childAge", 15, "screenActRecruitedOrMoved", true, "screenPurposeExploitation", true)))
        .containsEntry("suspected", true).containsEntry("means", false).containsEntry("scope", "IN_COUNTRY")
        .containsEntry("basis", "act and purpose (a child: the means need not be shown)");
    assertThat(decide("traffickingScreening", Map.of("screenActRecruitedOrMoved", true, "screenPurposeExploitation", true,
        "screenCrossBorder", true))).as("age unknown: treated as a child").containsEntry("suspected", true).containsEntry("scope", "TRANSNATIONAL");
    assertThat(decide("traffickingScreening", Map.of("childAge", 15, "screenActRecruitedOrMoved", true, "screenMeansDeceptionOrForce", true)))
        .as("act and means, no purpose").containsEntry("suspected", false).containsEntry("basis", "act only: keep screening");
    assertThat(decide("traffickingScreening", Map.of("childAge", 15, "screenPurposeExploitation", true)))
        .containsEntry("suspected", false).containsEntry("basis", "purpose only: keep screening");
    assertThat(decide("traffickingScreening", new HashMap<>(Map.of("childAge", 15)))).containsEntry("suspected", false)
        .containsEntry("basis", "no element shown");
  }

  @Test
  void theRiskAssessmentsIndicatorsShowTheActAndThePurpose() throws Exception {
    // Missing with an unknown adult (act) and signs of grooming (purpose): suspected.
    assertThat(decide("traffickingScreening", Map.of("childAge", 14, "withUnknownAdult", true, "groomingOrExploitation", true)))
        .containsEntry("suspected", true).containsEntry("act", true).containsEntry("purpose", true);
    // Cross-border movement with a risk of child marriage: suspected, transnational.
    assertThat(decide("traffickingScreening", Map.of("childAge", 14, "crossBorderMovement", true, "childMarriageOrFgmRisk", true)))
        .containsEntry("suspected", true).containsEntry("scope", "TRANSNATIONAL");
    // An unknown adult alone is an act without a purpose: the risk is high, trafficking not (yet) suspected.
    assertThat(decide("traffickingScreening", Map.of("childAge", 14, "withUnknownAdult", true))).containsEntry("suspected", false);
    assertThat(decide("traffickingScreening", Map.of("childAge", 14, "nonFamilyAbduction", true, "groomingOrExploitation", true)))
        .containsEntry("means", true);
  }

  @Test
  void theTrustFundAsksForTheDocumentsOfTheAssistanceAndTheApplicant() throws Exception {
    String json = client.newEvaluateDecisionCommand().decisionId("trustFundRequiredDocuments")
        .variables(Map.of("assistanceTypes", java.util.List.of("MEDICAL", "RETURN"), "applicantType", "LAW_ENFORCEMENT"))
        .send().join().getDecisionOutput();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, java.util.List.class))
        .containsExactly("VICTIM_IDENTIFICATION", "AGE_ASSESSMENT", "POLICE_ABSTRACT", "MEDICAL_REPORT", "SOCIAL_INQUIRY_REPORT", "COST_ESTIMATE");
    String psychosocial = client.newEvaluateDecisionCommand().decisionId("trustFundRequiredDocuments")
        .variables(Map.of("assistanceTypes", java.util.List.of("PSYCHOSOCIAL"), "applicantType", "NGO"))
        .send().join().getDecisionOutput();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readValue(psychosocial, java.util.List.class))
        .containsExactly("VICTIM_IDENTIFICATION", "AGE_ASSESSMENT");
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
