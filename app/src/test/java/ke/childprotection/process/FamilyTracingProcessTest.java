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

/** family-tracing: actions with outcomes, a review every 14 days, escalation after 90 days. */
@ZeebeProcessTest
class FamilyTracingProcessTest extends ProcessTestBase {
  @RegisterExtension
  static ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension.builder()
      .excludeProcessDefinitionKeys("missing-child-case", "found-child-case", "follow-up", "reintegration", "care-placement")
      .assertClassCoverageAtLeast(1.0).build();


  private ProcessInstanceEvent start() {
    return zeebe.start("family-tracing", Map.of("caseId", "00000000-0000-0000-0000-000000000005",
        "caseNumber", "FC-047-2026-000400", "countyCode", "047", "caseworker", "cw.test", "policy", ProcessTestSupport.policy()));
  }

  static void traceAction(ProcessTestSupport zeebe, ProcessInstanceEvent instance, boolean traced) {
    zeebe.completeUserTask(instance, "Task_RecordTracingAction", Map.of("tracingMethod", "COMMUNITY_CHIEF",
        "tracingActionTaken", "chief's baraza in the child's home village", "tracingOutcome", traced ? "aunt identified" : "no one knows the child",
        "familyTraced", traced));
  }

  @Test
  void theFamilyIsTracedAtTheSecondReview() {
    ProcessInstanceEvent instance = start();
    traceAction(zeebe, instance, false);
    assertThat(instance).isWaitingAtElements("Timer_NextTracingReview");
    zeebe.passTime(Duration.ofDays(13));
    assertThat(instance).isWaitingAtElements("Timer_NextTracingReview");
    zeebe.passTime(Duration.ofDays(1).plusHours(1));
    traceAction(zeebe, instance, true);
    assertThat(instance).hasPassedElement("End_FamilyTraced").hasPassedElement("End_TracingDone").isCompleted();
  }

  @Test
  void notTracedAfterNinetyDaysEscalatesToTheSupervisorWhileTracingGoesOn() {
    ProcessInstanceEvent instance = start();
    for (int review = 0; review < 6; review++) {
      traceAction(zeebe, instance, false);
      zeebe.passTime(Duration.ofDays(14).plusHours(1));
    }
    assertThat(instance).hasNotPassedElement("Timer_TracingEscalation");
    traceAction(zeebe, instance, false);
    zeebe.passTime(Duration.ofDays(6));
    assertThat(instance).hasPassedElement("Timer_TracingEscalation");
    ActivatedJob review = zeebe.userTask(instance, "Task_TracingCaseReview");
    assertThat(review.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"supervisor\"]");
    zeebe.completeUserTask(instance, "Task_TracingCaseReview", Map.of("tracingEscalationDecision", "INTENSIFY",
        "tracingEscalationNotes", "refer to Red Cross Restoring Family Links"));
    assertThat(instance).hasPassedElement("End_TracingEscalated").isWaitingAtElements("Timer_NextTracingReview");
  }
}
