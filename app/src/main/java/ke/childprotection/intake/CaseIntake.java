package ke.childprotection.intake;

import io.camunda.client.CamundaClient;
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
import ke.childprotection.security.CurrentUser;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a report into a case and starts its process, in one transaction closed by the engine's
 * answer: if the process cannot start, no case is written.
 */
@Service
class CaseIntake {
  static final String MISSING_PROCESS = "missing-child-case";
  static final String FOUND_PROCESS = "found-child-case";

  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;
  private final CamundaClient client;
  private final CasePolicy policy;
  private final AuditLog audit;

  CaseIntake(ChildCaseRepository cases, CaseTimeline timeline, CamundaClient client, CasePolicy policy, AuditLog audit) {
    this.cases = cases;
    this.timeline = timeline;
    this.client = client;
    this.policy = policy;
    this.audit = audit;
  }

  @Transactional
  public ChildCase report(CurrentUser user, MissingChildReport report) {
    ChildCase childCase = newCase(user, ChildCase.Type.MISSING, report.countyCode());
    childCase.describeChild(report.childFirstName().trim(), blankToNull(report.childLastName()), report.childSex(),
        report.childAge(), blankToNull(report.subCounty()));
    childCase.describeDisappearance(report.lastSeenAt(), report.lastSeenPlace(), blankToNull(report.clothingAndMarks()),
        blankToNull(report.medicalNeeds()), report.disabilityOrMedicalNeed(), report.suspectedAbduction(),
        blankToNull(report.circumstances()));
    childCase.recordReporter(report.reporterName(), report.reporterPhone(), report.reporterRelationship(),
        blankToNull(report.policeObNumber()), report.consentPublicity(), report.consentTracing());
    childCase.namesRelatives(blankToNull(report.relatives()));
    // The engine gets what its steps decide on, and no names.
    Map<String, Object> variables = new HashMap<>();
    variables.put("childAge", report.childAge());
    variables.put("disabilityOrMedicalNeed", report.disabilityOrMedicalNeed());
    variables.put("suspectedAbduction", report.suspectedAbduction());
    variables.put("publicityConsent", report.consentPublicity());
    return start(user, childCase, MISSING_PROCESS, "StartEvent_Reported", "Missing child reported",
        "reported by " + report.reporterRelationship().toLowerCase().replace('_', ' '), variables);
  }

  @Transactional
  public ChildCase registerFound(CurrentUser user, FoundChildReport report) {
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
    return start(user, childCase, FOUND_PROCESS, "StartEvent_FoundChildRegistered", "Found child registered",
        "found by " + report.foundByRole().toLowerCase().replace('_', ' '), variables);
  }

  private ChildCase newCase(CurrentUser user, ChildCase.Type type, String county) {
    if (!user.worksIn(county)) {
      throw new AccessDeniedException("You can register cases of your own county only.");
    }
    String prefix = type == ChildCase.Type.MISSING ? "MC" : "FC";
    String caseNumber = "%s-%s-%d-%06d".formatted(prefix, county, Year.now().getValue(), cases.nextCaseNumber());
    return new ChildCase(type, UUID.randomUUID(), caseNumber, county, OffsetDateTime.now(), user.username());
  }

  /** Saves the case, records and audits it, and starts its process: all or nothing. */
  private ChildCase start(CurrentUser user, ChildCase childCase, String processId, String startEvent, String stepName,
      String detail, Map<String, Object> processVariables) {
    cases.saveAndFlush(childCase);
    timeline.record(childCase.getId(), CaseEvent.Kind.REPORTED, startEvent, stepName, user.username(), detail, null);
    audit.change(user.username(), childCase.getId(), "registered " + childCase.getCaseType().name().toLowerCase() + " case");
    Map<String, Object> variables = new HashMap<>(processVariables);
    variables.put("caseId", childCase.getId().toString());
    variables.put("caseNumber", childCase.getCaseNumber());
    variables.put("countyCode", childCase.getCountyCode());
    variables.put("reportedAt", childCase.getReportedAt().toString());
    variables.put("policy", policy.asVariable());
    long instanceKey = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
    childCase.startedAs(instanceKey);
    return childCase;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
