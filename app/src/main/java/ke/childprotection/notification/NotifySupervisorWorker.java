package ke.childprotection.notification;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.UUID;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code supervisor.notify}: a deadline passed; the county's supervisors are told, once per job. The
 * reason and text come from the task's headers in the model.
 */
@Component
public class NotifySupervisorWorker {
  static final String ROLE = "supervisor";

  private final Notifications notifications;
  private final CaseTimeline timeline;

  NotifySupervisorWorker(Notifications notifications, CaseTimeline timeline) {
    this.notifications = notifications;
    this.timeline = timeline;
  }

  @JobWorker(type = "supervisor.notify", fetchVariables = {"caseId", "countyCode"})
  @Transactional
  public void notifySupervisors(ActivatedJob job, @Variable String caseId, @Variable String countyCode) {
    String reason = job.getCustomHeaders().getOrDefault("reason", "DEADLINE_PASSED");
    String message = job.getCustomHeaders().getOrDefault("message", "A deadline of this case has passed.");
    String dedupKey = "job:" + job.getKey();
    notifications.notify(UUID.fromString(caseId), countyCode, ROLE, reason, message, dedupKey);
    timeline.record(UUID.fromString(caseId), CaseEvent.Kind.NOTIFIED, job.getElementId(), "Supervisor alerted",
        "system", reason, dedupKey + ":done");
  }
}
