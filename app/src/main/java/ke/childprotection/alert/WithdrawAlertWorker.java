package ke.childprotection.alert;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code alert.withdraw}: the child is located or the report withdrawn, so every alert of the case
 * still out is withdrawn and each channel it went to is asked to take it down. Answers the channels
 * ({@code alertChannelsToTakeDown}, as checklist options; empty when no alert was out) for the
 * supervisor's take-down task. The rows are marked with the job's key: a retried job withdraws nothing
 * twice and answers the same channels.
 */
@Component
public class WithdrawAlertWorker {
  private final ChildCaseRepository cases;
  private final AlertRepository alerts;
  private final List<AlertChannel> channels;
  private final CaseTimeline timeline;

  WithdrawAlertWorker(ChildCaseRepository cases, AlertRepository alerts, List<AlertChannel> channels, CaseTimeline timeline) {
    this.cases = cases;
    this.alerts = alerts;
    this.channels = channels;
    this.timeline = timeline;
  }

  @JobWorker(type = "alert.withdraw", fetchVariables = "caseId")
  @Transactional
  public Map<String, Object> withdraw(ActivatedJob job, @Variable String caseId) {
    ChildCase childCase = cases.findById(UUID.fromString(caseId)).orElseThrow();
    String by = "job:" + job.getKey();
    boolean withdrawnNow = alerts.withdrawAll(childCase.getId(), OffsetDateTime.now(), by) > 0;
    List<String> wentTo = alerts.channelsWithdrawnBy(childCase.getId(), by);
    if (withdrawnNow) {
      channels.stream().filter(c -> wentTo.contains(c.name())).forEach(c -> c.withdraw(childCase));
      timeline.systemStep(childCase.getId(), job.getKey(), job.getElementId(), "Alert withdrawn",
          "from: " + String.join(", ", wentTo));
    }
    return Map.of(
        "alertChannelsToTakeDown", wentTo.stream().map(c -> Map.of("label", c, "value", c)).toList(),
        "alertWithdrawnFrom", String.join(", ", wentTo));
  }
}
