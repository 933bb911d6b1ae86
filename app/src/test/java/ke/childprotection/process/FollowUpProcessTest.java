package ke.childprotection.process;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.camunda.community.process_test_coverage.junit5.platform8.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** follow-up: visits on the configured schedule, the overdue escalation and the case review on risk. */
@ZeebeProcessTest
class FollowUpProcessTest extends ProcessTestBase {
  @RegisterExtension
  static ProcessEngineCoverageExtension coverage = ProcessEngineCoverageExtension.builder()
      .excludeProcessDefinitionKeys("missing-child-case").assertClassCoverageAtLeast(1.0).build();


  private ProcessInstanceEvent start(String schedule) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseId", "00000000-0000-0000-0000-000000000002");
    variables.put("caseNumber", "MC-047-2026-000100");
    variables.put("countyCode", "047");
    variables.put("caseworker", "cw.test");
    variables.put("followUpStart", OffsetDateTime.now(ZoneOffset.UTC).toString());
    variables.put("policy", ProcessTestSupport.policy("followUpSchedule", schedule));
    return zeebe.start("follow-up", variables);
  }

  private static Map<String, Object> visit(String wellbeing) {
    return Map.of("visitDate", "2026-12-09", "childWellbeing", wellbeing, "visitNotes", "visited the home and the school");
  }

  @Test
  void visitsFollowTheScheduleCountedFromTheStart() {
    ProcessInstanceEvent instance = start("P14D, P1M, P3M");
    zeebe.passTime(Duration.ofDays(13));
    assertThat(instance).isWaitingAtElements("Timer_VisitDue");
    zeebe.passTime(Duration.ofDays(1).plusHours(1));
    ActivatedJob first = zeebe.userTask(instance, "Task_FollowUpVisit");
    assertThat(first.getVariablesAsMap()).containsEntry("loopCounter", 1);
    assertThat(first.getCustomHeaders()).containsEntry("io.camunda.zeebe:assignee", "cw.test");
    zeebe.completeUserTask(instance, "Task_FollowUpVisit", visit("WELL"));

    // The second visit is due one month after the start, not one month after the first visit.
    zeebe.passTime(Duration.ofDays(17));
    zeebe.completeUserTask(instance, "Task_FollowUpVisit", visit("CONCERNS"));
    zeebe.passTime(Duration.ofDays(62));
    zeebe.completeUserTask(instance, "Task_FollowUpVisit", visit("WELL"));
    assertThat(instance).hasPassedElement("End_VisitDone", 3).hasNotPassedElement("Task_FollowUpCaseReview")
        .hasPassedElement("End_FollowUpComplete").isCompleted();
  }

  @Test
  void aVisitThatFindsRiskGoesToTheSupervisorForACaseReview() {
    ProcessInstanceEvent instance = start("P14D");
    zeebe.passTime(Duration.ofDays(15));
    zeebe.completeUserTask(instance, "Task_FollowUpVisit", visit("AT_RISK"));
    ActivatedJob review = zeebe.userTask(instance, "Task_FollowUpCaseReview");
    assertThat(review.getCustomHeaders()).containsEntry("io.camunda.zeebe:candidateGroups", "[\"supervisor\"]");
    zeebe.completeUserTask(instance, "Task_FollowUpCaseReview", Map.of("reviewDecision", "INTENSIFY_SUPPORT",
        "reviewNotes", "weekly visits and a referral to the cash transfer programme"));
    assertThat(instance).isCompleted();
  }

  @Test
  void aVisitOverdueBySevenDaysAlertsTheSupervisorAndStaysOpen() {
    ProcessInstanceEvent instance = start("P14D");
    zeebe.passTime(Duration.ofDays(20));
    assertThat(instance).hasNotPassedElement("Timer_VisitOverdue");
    zeebe.passTime(Duration.ofDays(1).plusHours(1));
    ActivatedJob notify = zeebe.completeJob(instance, "supervisor.notify", Map.of());
    assertThat(notify.getCustomHeaders()).containsEntry("reason", "FOLLOW_UP_VISIT_OVERDUE");
    assertThat(instance).hasPassedElement("End_VisitOverdueNotified").isWaitingAtElements("Task_FollowUpVisit");
    zeebe.completeUserTask(instance, "Task_FollowUpVisit", visit("WELL"));
    assertThat(instance).isCompleted();
  }
}
