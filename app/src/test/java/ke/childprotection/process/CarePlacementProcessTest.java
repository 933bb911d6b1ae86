package ke.childprotection.process;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.util.Map;
import org.camunda.community.process_test_coverage.junit5.platform8.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** care-placement (gatekeeping): options in order, the panel's decision, institutional review, exit to family. */
@ZeebeProcessTest
class CarePlacementProcessTest extends ProcessTestBase {
  @RegisterExtension
  static ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension.builder()
      .excludeProcessDefinitionKeys("missing-child-case", "follow-up", "reintegration").assertClassCoverageAtLeast(1.0).build();


  private ProcessInstanceEvent start() {
    return zeebe.start("care-placement", Map.of("caseId", "00000000-0000-0000-0000-000000000004",
        "caseNumber", "MC-047-2026-000300", "countyCode", "047", "caseworker", "cw.test",
        "safetyConcerns", "stepfather beats the child",
        "policy", ProcessTestSupport.policy()));
  }

  static void assessNeed(ProcessTestSupport zeebe, ProcessInstanceEvent instance) {
    zeebe.completeUserTask(instance, "Task_AssessCareNeed", Map.of("careNeedReasons", "violence at home, mother cannot protect",
        "childNeeds", "primary school, asthma medication", "childViewsOnCare", "wants to live with the grandmother"));
  }

  private static void propose(ProcessTestSupport zeebe, ProcessInstanceEvent instance, String option) {
    Map<String, Object> data = new java.util.HashMap<>(Map.of("proposedOption", option));
    if (!option.equals("KINSHIP")) {
      data.put("whyNotEarlierOptions", "no relative or foster family is able to take the child now");
    }
    if (option.equals("INSTITUTION")) {
      data.put("institutionalJustification", "no family-based option can protect the child for the next three months");
    }
    zeebe.completeUserTask(instance, "Task_ExploreCareOptions", data);
  }

  private static void panel(ProcessTestSupport zeebe, ProcessInstanceEvent instance, String decision) {
    zeebe.completeUserTask(instance, "Task_PanelDecision", Map.of("panelDecision", decision, "panelReasons", "considered the child's views and safety"));
  }

  /** Kinship care approved at once (used by missing-child-case's tests). */
  static void placeWithRelatives(ProcessTestSupport zeebe, ProcessInstanceEvent instance) {
    assessNeed(zeebe, instance);
    propose(zeebe, instance, "KINSHIP");
    panel(zeebe, instance, "APPROVED");
    zeebe.completeUserTask(instance, "Task_RecordPlacement", Map.of("placedOn", "2026-11-30",
        "carerOrInstitution", "grandmother", "placementLocation", "Kangemi"));
  }

  /** Institutional care, reviewed after the review interval, and the child leaves for a family. */
  static void placeInInstitutionThenExitToFamily(ProcessTestSupport zeebe, ProcessInstanceEvent instance) {
    assessNeed(zeebe, instance);
    propose(zeebe, instance, "INSTITUTION");
    panel(zeebe, instance, "APPROVED");
    zeebe.completeUserTask(instance, "Task_RecordPlacement", Map.of("placedOn", "2026-11-30",
        "carerOrInstitution", "a Charitable Children's Institution", "placementLocation", "Kasarani"));
    zeebe.passTime(Duration.ofDays(93));
    zeebe.completeUserTask(instance, "Task_ReviewPlacement", Map.of("placementReviewDate", "2027-03-01",
        "exitToFamily", true, "placementReviewNotes", "aunt traced and assessed, ready to take the child"));
  }

  @Test
  void kinshipCareApprovedEndsInFamilyBasedCare() {
    ProcessInstanceEvent instance = start();
    placeWithRelatives(zeebe, instance);
    assertThat(instance).hasPassedElement("End_PlacedInFamilyCare").hasNotPassedElement("Timer_PlacementReviewDue")
        .hasVariableWithValue("proposedOption", "KINSHIP").isCompleted();
  }

  @Test
  void panelReturnsAProposalAndTheNextOneIsDecided() {
    ProcessInstanceEvent instance = start();
    assessNeed(zeebe, instance);
    propose(zeebe, instance, "FOSTER");
    ActivatedJob decision = zeebe.userTask(instance, "Task_PanelDecision");
    assertThat(decision.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"gatekeeping-panel\"]");
    panel(zeebe, instance, "RETURNED");
    assertThat(instance).isWaitingAtElements("Task_ExploreCareOptions");
    propose(zeebe, instance, "KINSHIP");
    panel(zeebe, instance, "APPROVED");
    assertThat(instance).hasPassedElement("Task_PanelDecision", 2).isWaitingAtElements("Task_RecordPlacement");
  }

  @Test
  void institutionalCareIsReviewedEveryThreeMonthsUntilTheChildCanLeave() {
    ProcessInstanceEvent instance = start();
    assessNeed(zeebe, instance);
    propose(zeebe, instance, "INSTITUTION");
    panel(zeebe, instance, "APPROVED");
    zeebe.completeUserTask(instance, "Task_RecordPlacement", Map.of("placedOn", "2026-11-30",
        "carerOrInstitution", "a Charitable Children's Institution", "placementLocation", "Kasarani"));
    zeebe.passTime(Duration.ofDays(85));
    assertThat(instance).isWaitingAtElements("Timer_PlacementReviewDue");
    zeebe.passTime(Duration.ofDays(8));
    zeebe.completeUserTask(instance, "Task_ReviewPlacement", Map.of("placementReviewDate", "2027-03-01",
        "exitToFamily", false, "placementReviewNotes", "no family ready yet, tracing continues"));
    assertThat(instance).isWaitingAtElements("Timer_PlacementReviewDue");
    zeebe.passTime(Duration.ofDays(93));
    zeebe.completeUserTask(instance, "Task_ReviewPlacement", Map.of("placementReviewDate", "2027-06-01",
        "exitToFamily", true, "placementReviewNotes", "aunt assessed and ready"));
    assertThat(instance).hasPassedElement("End_ExitTowardsFamily").isCompleted();
  }

  @Test
  void aLatePanelDecisionAlertsTheSupervisor() {
    ProcessInstanceEvent instance = start();
    assessNeed(zeebe, instance);
    propose(zeebe, instance, "KINSHIP");
    zeebe.passTime(Duration.ofDays(13));
    assertThat(instance).hasNotPassedElement("Timer_PanelDecisionOverdue");
    zeebe.passTime(Duration.ofDays(1).plusHours(1));
    ActivatedJob notify = zeebe.completeJob(instance, "supervisor.notify", Map.of());
    assertThat(notify.getCustomHeaders()).containsEntry("reason", "PANEL_DECISION_OVERDUE");
    assertThat(instance).hasPassedElement("End_PanelReminderSent").isWaitingAtElements("Task_PanelDecision");
  }
}
