package ke.childprotection.intake;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.matching.MatchFinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code case.register}: checks the new report against the county's open reports of the same child
 * (duplicates, flagged on the case) and its ended ones (missing again: the earlier case is linked and
 * the risk assessment starts with "has gone missing before"), and matches it against open found-child
 * records. Running it again finds the same and writes the same.
 */
@Component
public class RegisterCaseWorker {
  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;
  private final MatchFinder matches;
  private final int duplicateAgeGap;
  private final int earlierEpisodeAgeGap;

  RegisterCaseWorker(ChildCaseRepository cases, CaseTimeline timeline, MatchFinder matches,
      @Value("${mcc.intake.duplicate-age-gap}") int duplicateAgeGap,
      @Value("${mcc.intake.earlier-episode-age-gap}") int earlierEpisodeAgeGap) {
    this.cases = cases;
    this.timeline = timeline;
    this.matches = matches;
    this.duplicateAgeGap = duplicateAgeGap;
    this.earlierEpisodeAgeGap = earlierEpisodeAgeGap;
  }

  @JobWorker(type = "case.register", fetchVariables = "caseId")
  @Transactional
  public Map<String, Object> register(ActivatedJob job, @Variable String caseId) {
    // The first step of a missing child's case: the case learns its process instance here.
    cases.recordProcessInstance(UUID.fromString(caseId), job.getProcessInstanceKey());
    ChildCase childCase = cases.findById(UUID.fromString(caseId)).orElseThrow();
    List<String> duplicates = sameChild(childCase, List.of(ChildCase.Status.OPEN), duplicateAgeGap).stream()
        .map(ChildCase::getCaseNumber).sorted().toList();
    childCase.flagPossibleDuplicates(duplicates.isEmpty() ? null : String.join(", ", duplicates));
    // Missing again: the latest earlier episode that ended (located or closed) is linked, and the risk
    // assessment starts with "has gone missing before".
    Optional<ChildCase> earlier = sameChild(childCase, List.of(ChildCase.Status.LOCATED, ChildCase.Status.CLOSED), earlierEpisodeAgeGap)
        .stream().findFirst();
    earlier.ifPresent(e -> childCase.missingAgainAfter(e.getId()));
    String detail = (duplicates.isEmpty() ? "no possible duplicate" : "possible duplicates: " + String.join(", ", duplicates))
        + earlier.map(e -> "; missing again, earlier case " + e.getCaseNumber()).orElse("");
    timeline.systemStep(childCase.getId(), job.getKey(), job.getElementId(), "Case registered", detail);
    // A new report may be a child already found: open found-child records are checked too.
    matches.findFor(childCase.getId());
    Map<String, Object> result = new HashMap<>();
    result.put("possibleDuplicateCount", duplicates.size());
    earlier.ifPresent(e -> {
      result.put("previousEpisodes", true);
      result.put("previousCaseNumber", e.getCaseNumber());
    });
    return result;
  }

  private List<ChildCase> sameChild(ChildCase childCase, List<ChildCase.Status> states, int ageGap) {
    return cases.findSameChild(childCase.getCountyCode(), states, childCase.getId(), childCase.getChildFirstName(),
        childCase.getChildSex(), childCase.getChildAge(), ageGap);
  }
}
