package ke.childprotection.trafficking;

import ke.childprotection.engine.EngineOutbox;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.notification.Notifications;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The job workers between the children's cases and the secretariat's {@code trafficking-referral}.
 * Each is safe to run again for the same job: indications are kept once per job, updates and
 * notifications once per element instance, and messages carry ids.
 */
@Component
public class TraffickingWorkers {
  private final TraffickingReferrals referrals;
  private final ChildCaseRepository cases;
  private final Notifications notifications;
  private final EngineOutbox outbox;
  private final Duration timeToLive;

  TraffickingWorkers(TraffickingReferrals referrals, ChildCaseRepository cases, Notifications notifications,
      EngineOutbox outbox, @Value("${mcc.messages.time-to-live}") Duration timeToLive) {
    this.referrals = referrals;
    this.cases = cases;
    this.notifications = notifications;
    this.outbox = outbox;
    this.timeToLive = timeToLive;
  }

  /** {@code trafficking.refer}: the child's case escalated; open the referral or add to the open one. */
  @JobWorker(type = "trafficking.refer", fetchVariables = {"caseId", "trafficking"})
  public Map<String, Object> refer(ActivatedJob job, @Variable String caseId, @Variable Map<String, Object> trafficking) {
    var outcome = referrals.refer(UUID.fromString(caseId), "job:" + job.getKey(), job.getElementId(), trafficking);
    return Map.of("traffickingReferralNumber", outcome.referral().getReferralNumber());
  }

  /** {@code trafficking.update}: the secretariat's process reached a point the child's case must know of. */
  @JobWorker(type = "trafficking.update", fetchVariables = {"referralId", "caseId", "caseNumber", "trustFundDecision"})
  @org.springframework.transaction.annotation.Transactional
  public void update(ActivatedJob job, @Variable String referralId, @Variable String caseId, @Variable String caseNumber,
      @Variable(optional = true) String trustFundDecision) {
    var update = TraffickingReferrals.Update.valueOf(job.getCustomHeaders().get("update"));
    String detail = update == TraffickingReferrals.Update.TRUST_FUND_DECIDED ? trustFundDecision : null;
    String source = "ctip-update:" + job.getElementInstanceKey();
    referrals.update(UUID.fromString(referralId), update, detail, source);
    outbox.publishMessage(UUID.fromString(caseId), TraffickingReferrals.UPDATE, caseNumber, source, timeToLive,
        Map.of("referralUpdate", update.name()));
  }

  /** {@code trafficking.protect}: restricted access with a pseudonym, as the secretariat decided. */
  @JobWorker(type = "trafficking.protect", fetchVariables = {"caseId", "restrictAccess", "pseudonym", "completedBy"})
  public void protect(ActivatedJob job, @Variable String caseId, @Variable(optional = true) Boolean restrictAccess,
      @Variable(optional = true) String pseudonym, @Variable(optional = true) String completedBy) {
    if (Boolean.TRUE.equals(restrictAccess) && pseudonym != null && !pseudonym.isBlank()) {
      referrals.protect(UUID.fromString(caseId), pseudonym.trim(), completedBy, "job:" + job.getKey());
    }
  }

  /** {@code trafficking.case-update}: on the child's case, tell the county's caseworkers what the secretariat did. */
  @JobWorker(type = "trafficking.case-update", fetchVariables = {"caseId", "referralUpdate"})
  public void caseUpdate(ActivatedJob job, @Variable String caseId, @Variable String referralUpdate) {
    ChildCase childCase = cases.findById(UUID.fromString(caseId)).orElseThrow();
    var update = TraffickingReferrals.Update.valueOf(referralUpdate);
    notifications.notify(childCase.getId(), childCase.getCountyCode(), "caseworker", "TRAFFICKING_UPDATE",
        "Counter-Trafficking Secretariat on case %s: %s.".formatted(childCase.getCaseNumber(), update.label().toLowerCase()),
        "ctip-case-update:" + job.getElementInstanceKey());
  }
}
