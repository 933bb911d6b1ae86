package ke.childprotection.intake;

import ke.childprotection.privacy.Consents;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CasePolicy;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.matching.MatchFinder;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.Conflict;
import ke.childprotection.support.InvalidInput;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import ke.childprotection.engine.EngineOutbox;
import ke.childprotection.engine.ProcessModels;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a report into a case and starts its process: the case and the command that starts its process
 * are written in one transaction (see {@link #start}).
 */
@Service
public class CaseIntake {

  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;
  private final EngineOutbox outbox;
  private final java.time.Duration startMessageTimeToLive;
  private final CasePolicy policy;
  private final AuditLog audit;
  private final CaseAccess access;
  private final MatchFinder matches;
  private final ke.childprotection.support.Counters counters;
  private final Consents consents;
  private final boolean smsAvailable;
  private final ke.childprotection.support.Counties counties;

  CaseIntake(ChildCaseRepository cases, CaseTimeline timeline, EngineOutbox outbox, CasePolicy policy, AuditLog audit,
      CaseAccess access, MatchFinder matches, ke.childprotection.support.Counters counters, Consents consents,
      ke.childprotection.support.Counties counties,
      @org.springframework.beans.factory.annotation.Value("${mcc.messages.time-to-live}") java.time.Duration startMessageTimeToLive,
      @org.springframework.beans.factory.annotation.Value("${mcc.notifications.sms.enabled}") boolean smsAvailable) {
    this.smsAvailable = smsAvailable;
    this.counties = counties;
    this.outbox = outbox;
    this.counters = counters;
    this.consents = consents;
    this.startMessageTimeToLive = startMessageTimeToLive;
    this.access = access;
    this.matches = matches;
    this.cases = cases;
    this.timeline = timeline;
    this.policy = policy;
    this.audit = audit;
  }

  /**
   * Who registers a case: a user of the app (county staff, in their county) or a partner system (the 116
   * helpline nationwide, a police station in its county), named in the timeline and audit trail.
   */
  public record Reporter(String name, java.util.function.Predicate<String> mayReportIn) {
    public static Reporter of(CurrentUser user) {
      return new Reporter(user.username(), user::worksIn);
    }
  }

  @Transactional
  public ChildCase report(CurrentUser user, MissingChildReport report) {
    return report(Reporter.of(user), report);
  }

  @Transactional
  public ChildCase report(Reporter user, MissingChildReport report) {
    ChildCase childCase = newCase(user, ChildCase.Type.MISSING, report.countyCode());
    childCase.describeChild(report.childFirstName().trim(), blankToNull(report.childLastName()), report.childSex(),
        report.childAge(), blankToNull(report.subCounty()));
    childCase.describeDisappearance(report.lastSeenAt(), report.lastSeenPlace(), blankToNull(report.clothingAndMarks()),
        blankToNull(report.medicalNeeds()), report.disabilityOrMedicalNeed(), report.suspectedAbduction(),
        blankToNull(report.circumstances()));
    childCase.recordReporter(report.reporterName(), report.reporterPhone(), report.reporterRelationship(),
        blankToNull(report.policeObNumber()), report.consentPublicity(), report.consentTracing());
    childCase.namesRelatives(blankToNull(report.relatives()));
    // Only with an SMS gateway: a reporter is never promised a message that cannot go (nor sent one late,
    // when SMS is switched on weeks after). The case shows whether the reporter will be told (reporterSms).
    childCase.tellReporter(report.notifyReporter() && smsAvailable);
    // The engine gets what its steps decide on, and no names.
    Map<String, Object> variables = new HashMap<>();
    variables.put("childAge", report.childAge());
    variables.put("disabilityOrMedicalNeed", report.disabilityOrMedicalNeed());
    variables.put("suspectedAbduction", report.suspectedAbduction());
    variables.put("publicityConsent", report.consentPublicity());
    return start(user, childCase, ProcessModels.MISSING_CHILD_REPORTED, "StartEvent_Reported", "Missing child reported",
        "reported by " + report.reporterRelationship().toLowerCase().replace('_', ' '), variables);
  }

  @Transactional
  public ChildCase registerFound(CurrentUser user, FoundChildReport report) {
    return registerFound(Reporter.of(user), report);
  }

  @Transactional
  public ChildCase registerFound(Reporter user, FoundChildReport report) {
    ChildCase childCase = newCase(user, ChildCase.Type.FOUND, report.countyCode());
    childCase.describeChild(blankToNull(report.childFirstName()), blankToNull(report.childLastName()), report.childSex(),
        report.apparentAge(), blankToNull(report.subCounty()));
    childCase.describeDisappearance(report.foundAt(), report.foundPlace(), blankToNull(report.description()), null,
        false, false, blankToNull(report.circumstances()));
    childCase.recordReporter(report.foundByName(), report.foundByPhone(), report.foundByRole(), null,
        report.consentPublicity(), report.consentTracing());
    childCase.speaks(blankToNull(report.languages()));
    childCase.namesRelatives(blankToNull(report.relatives()));
    Map<String, Object> variables = new HashMap<>();
    variables.put("childAge", report.apparentAge());
    return start(user, childCase, ProcessModels.FOUND_CHILD_REGISTERED, "StartEvent_FoundChildRegistered", "Found child registered",
        "found by " + report.foundByRole().toLowerCase().replace('_', ' '), variables);
  }

  /**
   * Corrects what is known of the child. Audited with its reason; the timeline names the fields that
   * changed (not their values). A change that matching uses re-runs matching for the record; a withdrawn
   * tracing consent withdraws its open proposals. The process gets the new age (risk rules use it).
   */
  @Transactional
  public ChildCase correct(CurrentUser user, UUID caseId, RecordCorrection correction) {
    ChildCase childCase = access.readIdentity(user, caseId, "correct record");
    if (childCase.getStatus() == ChildCase.Status.CLOSED) {
      throw new Conflict("problem.record.closed");
    }
    if (childCase.getVersion() != correction.version()) {
      throw new Conflict("problem.record.changed");
    }
    String firstName = blankToNull(correction.childFirstName());
    if (firstName == null && childCase.getCaseType() == ChildCase.Type.MISSING) {
      throw new InvalidInput("problem.invalidFields",
          List.of(new InvalidInput.Field("childFirstName", "problem.field.firstNameMissing")));
    }
    Integer ageBefore = childCase.getChildAge();
    List<String> changed = childCase.correct(firstName, blankToNull(correction.childLastName()), correction.childSex(),
        correction.childAge(), blankToNull(correction.subCounty()), correction.place().trim(),
        blankToNull(correction.clothingAndMarks()), blankToNull(correction.languages()), blankToNull(correction.relatives()),
        correction.consentTracing(), correction.consentPublicity());
    if (changed.isEmpty()) {
      return childCase;
    }
    cases.saveAndFlush(childCase);
    audit.change(user.username(), caseId, "corrected " + String.join(", ", changed) + "; reason: " + correction.reason().trim());
    String source = "record corrected: " + correction.reason().trim();
    if (changed.stream().anyMatch(c -> c.startsWith("tracing consent"))) {
      consents.record(caseId, Consents.Kind.TRACING, childCase.isConsentTracing(), user.username(), source);
    }
    if (changed.stream().anyMatch(c -> c.startsWith("publicity consent"))) {
      consents.record(caseId, Consents.Kind.PUBLICITY, childCase.isConsentPublicity(), user.username(), source);
    }
    timeline.record(caseId, CaseEvent.Kind.RECORD_CORRECTED, null, "Record corrected", user.username(),
        String.join(", ", changed), null);
    if (!childCase.isConsentTracing()) {
      matches.withdrawFor(caseId);
    } else if (changed.stream().anyMatch(MATCHED_ON::contains) || changed.contains("tracing consent given")) {
      matches.findFor(caseId);
    }
    if (!java.util.Objects.equals(ageBefore, childCase.getChildAge())) {
      Map<String, Object> age = new HashMap<>();
      age.put("childAge", childCase.getChildAge());
      outbox.setCaseVariables(caseId, age);
    }
    return childCase;
  }

  private static final java.util.Set<String> MATCHED_ON = java.util.Set.of("name", "sex", "age", "place", "relatives");

  private ChildCase newCase(Reporter user, ChildCase.Type type, String county) {
    if (!counties.exists(county)) {
      throw new InvalidInput("problem.invalidFields",
          List.of(new InvalidInput.Field("countyCode", "problem.field.noSuchCountyCode")));
    }
    if (!user.mayReportIn().test(county)) {
      throw new AccessDeniedException("problem.ownCountyOnly");
    }
    String prefix = type == ChildCase.Type.MISSING ? "MC" : "FC";
    String caseNumber = "%s-%s-%d-%06d".formatted(prefix, county, Year.now().getValue(), counters.next("case"));
    return new ChildCase(type, UUID.randomUUID(), caseNumber, county, OffsetDateTime.now(), user.name());
  }

  /**
   * Saves the case, records and audits it, and records the message that starts its process, all in one
   * transaction: the process starts once the case is committed (never for a report that failed), and
   * the outbox sends the message until the engine has it. The message id and the case number as
   * correlation key make a repeat start nothing.
   */
  private ChildCase start(Reporter user, ChildCase newCase, String startMessage, String startEvent, String stepName,
      String detail, Map<String, Object> processVariables) {
    // A new case is persisted with one insert (ChildCase.isNew); go on with what save returns, as JPA asks.
    ChildCase childCase = cases.saveAndFlush(newCase);
    consents.record(childCase.getId(), Consents.Kind.TRACING, childCase.isConsentTracing(), user.name(), "with the report");
    consents.record(childCase.getId(), Consents.Kind.PUBLICITY, childCase.isConsentPublicity(), user.name(), "with the report");
    timeline.record(childCase.getId(), CaseEvent.Kind.REPORTED, startEvent, stepName, user.name(), detail, null);
    audit.change(user.name(), childCase.getId(), "registered " + childCase.getCaseType().name().toLowerCase() + " case");
    if (childCase.isNotifyReporter()) {
      consents.record(childCase.getId(), Consents.Kind.REPORTER_SMS, true, user.name(), "with the report");
    }
    Map<String, Object> variables = new HashMap<>(processVariables);
    variables.put("caseId", childCase.getId().toString());
    variables.put("caseNumber", childCase.getCaseNumber());
    variables.put("countyCode", childCase.getCountyCode());
    variables.put("reportedAt", childCase.getReportedAt().toString());
    variables.put("policy", policy.asVariable());
    outbox.startCaseProcess(childCase.getId(), startMessage, childCase.getCaseNumber(), "case-started:" + childCase.getId(),
        startMessageTimeToLive, variables);
    return childCase;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
