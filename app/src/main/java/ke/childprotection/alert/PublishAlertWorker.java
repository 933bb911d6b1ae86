package ke.childprotection.alert;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code alert.publish}: sends the approved alert through every channel, once per channel per job.
 * A retried job skips the channels it already sent to.
 */
@Component
public class PublishAlertWorker {
  private final ChildCaseRepository cases;
  private final AlertRepository alerts;
  private final List<AlertChannel> channels;
  private final CaseTimeline timeline;

  PublishAlertWorker(ChildCaseRepository cases, AlertRepository alerts, List<AlertChannel> channels, CaseTimeline timeline) {
    this.cases = cases;
    this.alerts = alerts;
    this.channels = channels;
    this.timeline = timeline;
  }

  @JobWorker(type = "alert.publish", fetchVariables = "caseId")
  @Transactional
  public void publish(ActivatedJob job, @Variable String caseId) {
    ChildCase childCase = cases.findById(UUID.fromString(caseId)).orElseThrow();
    for (AlertChannel channel : channels) {
      // Recorded first, sent second, in one transaction: a channel that fails undoes its record.
      String dedupKey = "job:" + job.getKey() + ":" + channel.name();
      if (alerts.insertOnce(childCase.getId(), channel.name(), OffsetDateTime.now(), dedupKey) == 1) {
        channel.publish(childCase);
      }
    }
    timeline.systemStep(childCase.getId(), job.getKey(), job.getElementId(), "Alert published",
        "channels: " + String.join(", ", channels.stream().map(AlertChannel::name).toList()));
  }
}
