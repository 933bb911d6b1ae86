package ke.childprotection.tasklist;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.notification.Notifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every deadline escalates: an open task past the due date its model gave it is reported, once, to
 * the escalation role ({@code mcc.tasklist.overdue-escalates-to}) of the task's county, and the case's
 * timeline says so. Deadlines with their own steps (a model's boundary timer leading to
 * {@code supervisor.notify}) escalate there and only there: each missed deadline reaches the supervisor once.
 */
@Component
class OverdueTasks {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm");

  private final UserTaskRepository tasks;
  private final Notifications notifications;
  private final CaseTimeline timeline;
  private final TransactionTemplate tx;
  private final String escalatesTo;
  private final ZoneId zone;
  private final java.util.Map<String, String> escalatesToByGroup;
  private final ke.childprotection.engine.ProcessModels models;

  OverdueTasks(ke.childprotection.engine.ProcessModels models, UserTaskRepository tasks, Notifications notifications, CaseTimeline timeline, TransactionTemplate tx,
      @Value("${mcc.tasklist.overdue-escalates-to}") String escalatesTo,
      @Value("${mcc.display-time-zone:Africa/Nairobi}") String zone,
      @Value("#{${mcc.tasklist.overdue-escalates-to-by-group:{:}}}") java.util.Map<String, String> escalatesToByGroup) {
    this.escalatesToByGroup = java.util.Map.copyOf(escalatesToByGroup);
    this.models = models;
    this.tasks = tasks;
    this.notifications = notifications;
    this.timeline = timeline;
    this.tx = tx;
    this.escalatesTo = escalatesTo;
    this.zone = ZoneId.of(zone);
  }

  /** The task's group's own escalation role if configured (the secretariat's tasks stay with the secretariat). */
  private String escalationRole(UserTask task) {
    return task.getCandidateGroups().stream().filter(escalatesToByGroup::containsKey).map(escalatesToByGroup::get)
        .findFirst().orElse(escalatesTo);
  }

  @Scheduled(fixedDelayString = "${mcc.tasklist.overdue-check-interval}", initialDelayString = "${mcc.tasklist.overdue-check-interval}")
  void escalate() {
    escalateDueBefore(OffsetDateTime.now());
  }

  /** Escalates the open tasks due before the given time; returns how many were escalated now. */
  int escalateDueBefore(OffsetDateTime now) {
    int escalated = 0;
    for (UserTask task : tasks.findByStateAndDueAtBeforeAndOverdueNotifiedAtIsNull(UserTask.State.OPEN, now)) {
      if (models.notifiesSupervisorWhenLate(task.getBpmnProcessId(), task.getElementId())) {
        // the model's own timer has told the supervisor
        tx.executeWithoutResult(status -> tasks.markOverdueNotified(task.getJobKey(), now));
        continue;
      }
      String message = "\"%s\" is overdue: due %s, %s.".formatted(task.getName(),
          WHEN.format(task.getDueAt().atZoneSameInstant(zone)),
          task.getAssignee() == null ? "nobody has claimed it" : "assigned to " + task.getAssignee());
      Boolean created = tx.execute(status -> {
        String to = escalationRole(task);
        boolean first = notifications.notify(task.getCaseId(), task.getCountyCode(), to, "TASK_OVERDUE", message,
            "overdue:" + task.getJobKey(), task.getElementId());
        timeline.record(task.getCaseId(), CaseEvent.Kind.NOTIFIED, task.getElementId(), "Overdue: " + task.getName(),
            "system", "escalated to " + to, "overdue:" + task.getJobKey());
        tasks.markOverdueNotified(task.getJobKey(), now);
        return first;
      });
      if (Boolean.TRUE.equals(created)) {
        escalated++;
      }
    }
    return escalated;
  }
}
