package ke.childprotection.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.it.IntegrationTest;
import ke.childprotection.notification.NotificationRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A task past its due date is escalated to the county's supervisors once; one not yet due is not. */
@IntegrationTest
class OverdueTasksTest {
  @Autowired OverdueTasks overdue;
  @Autowired UserTaskRepository tasks;
  @Autowired ChildCaseRepository cases;
  @Autowired NotificationRepository notifications;

  @Test
  void anOverdueTaskIsEscalatedOnceAndATaskNotYetDueIsNot() {
    ChildCase c = new ChildCase(UUID.randomUUID(), "TEST-" + UUID.randomUUID().toString().substring(0, 8), "047",
        OffsetDateTime.now(), "cw.nairobi");
    c.describeChild("Synthetic", null, "MALE", 10, null);
    c.describeDisappearance(OffsetDateTime.now(), "somewhere", null, null, false, false, null);
    c.recordReporter("Synthetic Reporter", "+254700000009", "PARENT", null, false, false);
    UUID caseId = cases.saveAndFlush(c).getId();
    OffsetDateTime now = OffsetDateTime.now();
    tasks.saveAndFlush(new UserTask("no-engine", 7_100_001L, caseId, "047", 1L, "missing-child-case", "Task_VerifyIdentity",
        "Verify identity", null, "cw.nairobi", Set.of("caseworker"), now.minusHours(2), null, now.plusDays(30), "{}"));
    // The risk assessment's deadline has its own timer in the model, which alerts the supervisor: not twice.
    tasks.saveAndFlush(new UserTask("no-engine", 7_100_003L, caseId, "047", 1L, "missing-child-case", "Task_AssessRisk",
        "Assess risk", null, "cw.nairobi", Set.of("caseworker"), now.minusHours(1), null, now.plusDays(30), "{}"));
    tasks.saveAndFlush(new UserTask("no-engine", 7_100_002L, caseId, "047", 1L, "missing-child-case", "Task_ReviewSearch",
        "Review search", null, "cw.nairobi", Set.of("caseworker"), now.plusHours(2), null, now.plusDays(30), "{}"));

    overdue.escalateDueBefore(now);
    overdue.escalateDueBefore(now.plusMinutes(1));

    var sent = notifications.findByCaseId(caseId);
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getRecipientRole()).isEqualTo("supervisor");
    assertThat(sent.get(0).getReason()).isEqualTo("TASK_OVERDUE");
    assertThat(sent.get(0).getMessage()).contains("Verify identity", "assigned to cw.nairobi");
    assertThat(tasks.findById(7_100_001L).orElseThrow().getOverdueNotifiedAt()).isNotNull();
    assertThat(tasks.findById(7_100_002L).orElseThrow().getOverdueNotifiedAt()).isNull();
    assertThat(tasks.findById(7_100_003L).orElseThrow().getOverdueNotifiedAt()).as("left to the model's own timer").isNotNull();
  }
}
