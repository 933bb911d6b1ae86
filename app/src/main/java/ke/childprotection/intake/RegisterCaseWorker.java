package ke.childprotection.intake;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.matching.MatchFinder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code case.register}: checks the new report against the county's open cases for the same child
 * (same first name and sex, age within a year) and flags them on the case, and matches it against
 * open found-child records. Running it again finds the same and writes the same.
 */
@Component
public class RegisterCaseWorker {
  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;
  private final MatchFinder matches;

  RegisterCaseWorker(ChildCaseRepository cases, CaseTimeline timeline, MatchFinder matches) {
    this.cases = cases;
    this.timeline = timeline;
    this.matches = matches;
  }

  @JobWorker(type = "case.register", fetchVariables = "caseId")
  @Transactional
  public Map<String, Object> register(ActivatedJob job, @Variable String caseId) {
    ChildCase childCase = cases.findById(UUID.fromString(caseId)).orElseThrow();
    List<String> duplicates = cases.findPossibleDuplicates(childCase.getCountyCode(), childCase.getId(),
        childCase.getChildFirstName(), childCase.getChildSex(), childCase.getChildAge())
        .stream().map(ChildCase::getCaseNumber).sorted().toList();
    childCase.flagPossibleDuplicates(duplicates.isEmpty() ? null : String.join(", ", duplicates));
    timeline.systemStep(childCase.getId(), job.getKey(), job.getElementId(), "Case registered",
        duplicates.isEmpty() ? "no possible duplicate" : "possible duplicates: " + String.join(", ", duplicates));
    // A new report may be a child already found: open found-child records are checked too.
    matches.findFor(childCase.getId());
    return Map.of("possibleDuplicateCount", duplicates.size());
  }
}
