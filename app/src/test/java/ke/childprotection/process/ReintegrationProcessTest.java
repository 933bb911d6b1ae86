package ke.childprotection.process;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;

import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.util.List;
import java.util.Map;
import org.camunda.community.process_test_coverage.junit5.platform8.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** reintegration: assessment, child and family prepared in parallel, referrals, reunification. */
@ZeebeProcessTest
class ReintegrationProcessTest extends ProcessTestBase {
  @RegisterExtension
  static ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension.builder()
      .excludeProcessDefinitionKeys("missing-child-case", "follow-up").assertClassCoverageAtLeast(1.0).build();


  /** Completes every step of a reintegration of the instance's case (used by the calling processes' tests too). */
  static void reintegrate(ProcessTestSupport zeebe, ProcessInstanceEvent instance) {
    assessFamily(zeebe, instance);
    prepareReferAndReunify(zeebe, instance);
  }

  private static void assessFamily(ProcessTestSupport zeebe, ProcessInstanceEvent instance) {
    assessFamily(zeebe, instance, true);
  }

  /** The home visit; an unsuitable family ends the reintegration (the caller decides what follows). */
  static void assessFamily(ProcessTestSupport zeebe, ProcessInstanceEvent instance, boolean suitable) {
    zeebe.completeUserTask(instance, "Task_FamilyAssessment", Map.of("homeVisitDate", "2026-11-24",
        "householdMembers", "mother, two siblings", "livingConditions", "two rooms, mother sells vegetables",
        "protectiveFactors", "grandmother nearby, church group", "familyRisks", suitable ? "none found" : "the uncle who abused her lives there",
        "familySuitable", suitable));
  }

  private static void prepareReferAndReunify(ProcessTestSupport zeebe, ProcessInstanceEvent instance) {
    zeebe.completeUserTask(instance, "Task_PrepareFamily", Map.of("familyPreparedOn", "2026-11-25",
        "familyCommitments", "daily school attendance, no corporal punishment"));
    zeebe.completeUserTask(instance, "Task_PrepareChild", Map.of("childPreparedOn", "2026-11-25",
        "childViews", "wants to go home and back to school", "childAgreesToReturn", true));
    zeebe.completeUserTask(instance, "Task_ReferToServices", Map.of("servicesReferred", List.of("SCHOOL", "PSYCHOSOCIAL")));
    zeebe.completeUserTask(instance, "Task_RecordReunification", Map.of("reunifiedOn", "2026-11-26",
        "reunifiedWith", "mother", "witnessedBy", "chief", "reunificationPlace", "Kibra"));
  }

  @Test
  void theFamilyIsAssessedBothArePreparedServicesReferredAndTheChildReunified() {
    ProcessInstanceEvent instance = zeebe.start("reintegration", Map.of("caseId", "00000000-0000-0000-0000-000000000003",
        "caseNumber", "MC-047-2026-000200", "countyCode", "047", "caseworker", "cw.test",
        "policy", ProcessTestSupport.policy()));
    assertThat(instance).isWaitingAtElements("Task_FamilyAssessment");
    assessFamily(zeebe, instance);
    // Child and family are prepared side by side: both tasks are open at once.
    assertThat(instance).isWaitingAtElements("Task_PrepareChild", "Task_PrepareFamily");
    prepareReferAndReunify(zeebe, instance);
    assertThat(instance).hasPassedElement("Gateway_PrepareJoin").hasPassedElement("End_Reunified")
        .hasVariableWithValue("reunifiedOn", "2026-11-26").isCompleted();
  }

  @Test
  void aFamilyThatCannotCareForTheChildSafelyEndsTheReintegration() {
    ProcessInstanceEvent instance = zeebe.start("reintegration", Map.of("caseId", "00000000-0000-0000-0000-000000000007",
        "caseNumber", "MC-047-2026-000201", "countyCode", "047", "caseworker", "cw.test",
        "policy", ProcessTestSupport.policy()));
    assessFamily(zeebe, instance, false);
    assertThat(instance).hasPassedElement("End_FamilyNotSuitable").hasNotPassedElement("Task_PrepareChild")
        .hasVariableWithValue("familySuitable", false).isCompleted();
  }
}
