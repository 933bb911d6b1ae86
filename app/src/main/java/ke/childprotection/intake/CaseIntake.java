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
  static final String PROCESS_ID = "missing-child-case";

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
    if (!user.worksIn(report.countyCode())) {
      throw new AccessDeniedException("You can report cases of your own county only.");
    }
    OffsetDateTime now = OffsetDateTime.now();
    String caseNumber = "MC-%s-%d-%06d".formatted(report.countyCode(), Year.now().getValue(), cases.nextCaseNumber());
    ChildCase childCase = new ChildCase(UUID.randomUUID(), caseNumber, report.countyCode(), now, user.username());
    childCase.describeChild(report.childFirstName().trim(), blankToNull(report.childLastName()), report.childSex(),
        report.childAge(), blankToNull(report.subCounty()));
    childCase.describeDisappearance(report.lastSeenAt(), report.lastSeenPlace(), blankToNull(report.clothingAndMarks()),
        blankToNull(report.medicalNeeds()), report.disabilityOrMedicalNeed(), report.suspectedAbduction(),
        blankToNull(report.circumstances()));
    childCase.recordReporter(report.reporterName(), report.reporterPhone(), report.reporterRelationship(),
        blankToNull(report.policeObNumber()), report.consentPublicity(), report.consentTracing());
    cases.saveAndFlush(childCase);
    timeline.record(childCase.getId(), CaseEvent.Kind.REPORTED, "StartEvent_Reported", "Missing child reported",
        user.username(), "reported by " + report.reporterRelationship().toLowerCase().replace('_', ' '), null);
    audit.change(user.username(), childCase.getId(), "POST /api/cases");

    // The engine gets what its steps decide on, and no names.
    Map<String, Object> variables = new HashMap<>();
    variables.put("caseId", childCase.getId().toString());
    variables.put("caseNumber", caseNumber);
    variables.put("countyCode", report.countyCode());
    variables.put("childAge", report.childAge());
    variables.put("disabilityOrMedicalNeed", report.disabilityOrMedicalNeed());
    variables.put("suspectedAbduction", report.suspectedAbduction());
    variables.put("publicityConsent", report.consentPublicity());
    variables.put("reportedAt", now.toString());
    variables.put("policy", policy.asVariable());
    long instanceKey = client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
    childCase.startedAs(instanceKey);
    return childCase;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
