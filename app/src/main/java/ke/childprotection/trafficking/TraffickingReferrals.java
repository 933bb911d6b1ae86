package ke.childprotection.trafficking;

import ke.childprotection.engine.EngineOutbox;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CasePolicy;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Escalations from a child's case to the Counter-Trafficking Secretariat. Once per case: the first
 * indication opens the referral and starts {@code trafficking-referral} (a message start event, one
 * instance per case number at a time); a later one is recorded and sent to the open referral as
 * {@code trafficking-indication}, or reopens a closed one. Each indication is kept once per source, so a
 * job that Zeebe delivers again opens nothing new.
 */
@Service
public class TraffickingReferrals {
  static final String REQUESTED = "trafficking-referral-requested";
  static final String INDICATION = "trafficking-indication";
  static final String UPDATE = "trafficking-update";

  private final TraffickingReferralRepository referrals;
  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;
  private final EngineOutbox outbox;
  private final CasePolicy policy;
  private final JdbcClient db;
  private final AuditLog audit;
  private final Duration timeToLive;
  private final ke.childprotection.support.Counters counters;

  TraffickingReferrals(TraffickingReferralRepository referrals, ChildCaseRepository cases, CaseTimeline timeline,
      EngineOutbox outbox, CasePolicy policy, JdbcClient db, AuditLog audit, ke.childprotection.support.Counters counters,
      @Value("${mcc.messages.time-to-live}") Duration timeToLive) {
    this.referrals = referrals;
    this.cases = cases;
    this.timeline = timeline;
    this.outbox = outbox;
    this.policy = policy;
    this.db = db;
    this.audit = audit;
    this.timeToLive = timeToLive;
    this.counters = counters;
  }

  /** What an indication did: opened (or reopened) the referral, or was added to the open one. */
  public record Outcome(TraffickingReferral referral, boolean opened) {}

  @Transactional
  public Outcome refer(UUID caseId, String sourceKey, String elementId, Map<String, Object> screening) {
    ChildCase childCase = cases.findById(caseId).orElseThrow();
    String basis = screening == null ? null : (String) screening.get("basis");
    String scope = screening == null ? null : (String) screening.get("scope");
    TraffickingReferral referral = referrals.findByCaseId(caseId).orElse(null);
    Boolean recorded = db.sql("select opened_referral from trafficking_indication where source_key = ?").param(sourceKey)
        .query(Boolean.class).optional().orElse(null);
    boolean opened;
    if (recorded != null) {
      opened = recorded; // delivered again: repeat the same message; the engine takes it once
    } else {
      if (referral == null) {
        String number = "TIP-%d-%06d".formatted(Year.now().getValue(), counters.next("trafficking-referral"));
        referral = referrals.saveAndFlush(new TraffickingReferral(caseId, number, childCase.getCountyCode(), scope, basis));
        childCase.referredToSecretariat(referral.getId());
        opened = true;
      } else if (referral.getStatus() == TraffickingReferral.Status.CLOSED) {
        referral.reopen();
        opened = true;
      } else {
        opened = false;
      }
      db.sql("insert into trafficking_indication (referral_id, source_key, element_id, basis, opened_referral, received_at) values (?, ?, ?, ?, ?, ?)")
          .params(referral.getId(), sourceKey, elementId, basis, opened, OffsetDateTime.now()).update();
      timeline.record(caseId, opened ? CaseEvent.Kind.TRAFFICKING_ESCALATED : CaseEvent.Kind.TRAFFICKING_INDICATION, elementId,
          opened ? "Referred to the Counter-Trafficking Secretariat" : "Further indication added to the referral", "system",
          referral.getReferralNumber() + (basis == null ? "" : ": " + basis), sourceKey);
    }
    if (opened) {
      Map<String, Object> variables = new HashMap<>();
      variables.put("caseId", caseId.toString());
      variables.put("caseNumber", childCase.getCaseNumber());
      variables.put("countyCode", childCase.getCountyCode());
      variables.put("referralId", referral.getId().toString());
      variables.put("referralNumber", referral.getReferralNumber());
      variables.put("trafficking", screening == null ? Map.of() : screening);
      variables.put("policy", policy.asVariable());
      // One instance per case number at a time: a repeat while it runs starts nothing.
      outbox.publishMessage(caseId, REQUESTED, childCase.getCaseNumber(),
          REQUESTED + ":" + referral.getId() + ":" + referral.getTimesOpened(), Duration.ZERO, variables);
    } else {
      outbox.publishMessage(caseId, INDICATION, childCase.getCaseNumber(), INDICATION + ":" + sourceKey, timeToLive,
          Map.of("trafficking", screening == null ? Map.of() : screening));
    }
    return new Outcome(referral, opened);
  }

  /** Applies an update of the secretariat's process to the referral and records it with the child's case. */
  @Transactional
  public TraffickingReferral update(UUID referralId, Update update, String detail, String sourceKey) {
    TraffickingReferral referral = referrals.findById(referralId).orElseThrow();
    switch (update) {
      case VICTIM_IDENTIFIED -> referral.identified(true);
      case NOT_IDENTIFIED -> referral.identified(false);
      case TRUST_FUND_APPLIED -> referral.trustFund("APPLIED");
      case TRUST_FUND_DECIDED -> referral.trustFund(detail);
      case REFERRAL_CLOSED -> referral.close(OffsetDateTime.now());
      case SAFE_HOUSE_PLACEMENT -> { }
    }
    timeline.record(referral.getCaseId(), CaseEvent.Kind.TRAFFICKING_UPDATE, null, update.label(), "ctip-secretariat",
        referral.getReferralNumber() + (detail == null ? "" : ": " + detail.toLowerCase().replace('_', ' ')), sourceKey);
    return referral;
  }

  /** Protection measures: the pseudonym the child is shown by from now on (the same one again changes nothing). */
  @Transactional
  public void protect(UUID caseId, String pseudonym, String decidedBy, String sourceKey) {
    ChildCase childCase = cases.findById(caseId).orElseThrow();
    if (pseudonym.equals(childCase.getPseudonym())) {
      return;
    }
    childCase.pseudonymise(pseudonym);
    audit.change(decidedBy == null ? "ctip-secretariat" : decidedBy, caseId, "identity protected by a pseudonym");
    timeline.record(caseId, CaseEvent.Kind.IDENTITY_PROTECTED, null, "Identity protected", "ctip-secretariat",
        "shown as " + pseudonym + " outside the secretariat and the assigned caseworker", sourceKey);
  }

  /** The kinds of update the secretariat's process sends to the child's case. */
  public enum Update {
    VICTIM_IDENTIFIED("Identified as a victim of trafficking"),
    NOT_IDENTIFIED("Not identified as a victim of trafficking"),
    SAFE_HOUSE_PLACEMENT("Placed in a safe house"),
    TRUST_FUND_APPLIED("Trust Fund application submitted"),
    TRUST_FUND_DECIDED("Trust Fund decision"),
    REFERRAL_CLOSED("Trafficking referral closed");

    private final String label;

    Update(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
