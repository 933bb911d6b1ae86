package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.alert.AlertRepository;
import ke.childprotection.alert.PublishAlertWorker;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.cases.CloseCaseWorker;
import ke.childprotection.notification.NotificationRepository;
import ke.childprotection.notification.NotifySupervisorWorker;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Zeebe delivers a job at least once: each worker, handed the same job twice, leaves one alert, one
 * notification, one timeline entry.
 */
@IntegrationTest
class WorkerIdempotenceTest {
  @LocalServerPort int port;
  @Autowired NotifySupervisorWorker notifyWorker;
  @Autowired PublishAlertWorker alertWorker;
  @Autowired CloseCaseWorker closeWorker;
  @Autowired ke.childprotection.alert.WithdrawAlertWorker withdrawWorker;
  @Autowired ke.childprotection.matching.FindMatchesWorker findMatchesWorker;
  @Autowired NotificationRepository notifications;
  @Autowired AlertRepository alerts;
  @Autowired CaseTimeline timeline;
  @Autowired ChildCaseRepository cases;

  private static ActivatedJob job(long key, String elementId, Map<String, String> headers) {
    ActivatedJob job = mock(ActivatedJob.class);
    when(job.getKey()).thenReturn(key);
    when(job.getElementId()).thenReturn(elementId);
    when(job.getCustomHeaders()).thenReturn(headers);
    return job;
  }

  @Test
  void aJobDeliveredTwiceHasItsEffectOnce() {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Tumaini", 13)))
        .get("id").asText();
    UUID id = UUID.fromString(caseId);

    ActivatedJob notify = job(9_000_001L, "Task_NotifyAssignmentOverdue", Map.of("reason", "ASSIGNMENT_SLA_BREACHED"));
    notifyWorker.notifySupervisors(notify, caseId, "047");
    notifyWorker.notifySupervisors(notify, caseId, "047");
    assertThat(notifications.findByCaseId(id)).hasSize(1);

    ActivatedJob publish = job(9_000_002L, "Task_PublishAlert", Map.of());
    alertWorker.publish(publish, caseId);
    alertWorker.publish(publish, caseId);
    assertThat(alerts.findByCaseId(id)).hasSize(1);

    // The child is located: the alert is withdrawn once, and a retried job answers the same channels.
    ActivatedJob withdraw = job(9_000_004L, "Task_WithdrawAlert", Map.of());
    Map<String, Object> first = withdrawWorker.withdraw(withdraw, caseId);
    Map<String, Object> again = withdrawWorker.withdraw(withdraw, caseId);
    assertThat(first.get("alertWithdrawnFrom")).isEqualTo("county-portal");
    assertThat(again).isEqualTo(first);
    assertThat(alerts.findByCaseId(id)).allSatisfy(a -> assertThat(a.getWithdrawnBy()).isEqualTo("job:9000004"));

    ActivatedJob close = job(9_000_003L, "Task_CloseCase", Map.of());
    closeWorker.close(close, caseId);
    closeWorker.close(close, caseId);
    assertThat(cases.findById(id).orElseThrow().getClosedAt()).isNotNull();

    assertThat(timeline.of(id).stream().filter(e -> java.util.Set.of("Task_NotifyAssignmentOverdue", "Task_PublishAlert",
        "Task_CloseCase", "Task_WithdrawAlert").contains(e.getElementId()))).as("one timeline entry per job").hasSize(4);
  }

  @Test
  void aRetriedMatchingJobSaysWhatTheFirstAttemptSaid() {
    Api caseworker = new Api(port, "cw.nairobi");
    caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Kerubo", 8)));
    String foundId = caseworker.ok(caseworker.post("/api/cases/found", MatchingEndToEndTest.found("Kerubo", "Synthetic", 8, true)))
        .get("id").asText();
    UUID found = UUID.fromString(foundId);
    java.util.function.Supplier<java.util.List<ke.childprotection.cases.CaseEvent>> matched = () -> timeline.of(found).stream()
        .filter(e -> "Task_FindMatches".equals(e.getElementId())).toList();
    // The found child's own process has matched it (one entry); the same job handed over twice more adds one.
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> matched.get().size() == 1);
    ActivatedJob find = job(9_000_010L, "Task_FindMatches", Map.of());
    when(find.getProcessInstanceKey()).thenReturn(cases.findById(found).orElseThrow().getProcessInstanceKey());
    findMatchesWorker.find(find, foundId);
    findMatchesWorker.find(find, foundId);
    assertThat(matched.get()).hasSize(2).extracting(ke.childprotection.cases.CaseEvent::getDetail)
        .as("both say what is waiting, not what was new to each").containsOnly("1 candidate(s) waiting for verification");
  }
}
