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
import ke.childprotection.matching.EarlierEpisodes;
import ke.childprotection.matching.MatchFinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code case.register}: checks the new report against the county's open reports of the same child
 * (duplicates, flagged on the case) and its ended ones (perhaps missing again: the earlier case the
 * matcher's evidence points to is proposed, for the caseworker to confirm in the risk assessment), and
 * matches it against open found-child records. Running it again finds the same and writes the same.
 */
@Component
public class RegisterCaseWorker {
  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;
  private final MatchFinder matches;
  private final int duplicateAgeGap;
  private final EarlierEpisodes earlierEpisodes;
  private final JdbcClient db;

  RegisterCaseWorker(ChildCaseRepository cases, CaseTimeline timeline, MatchFinder matches, EarlierEpisodes earlierEpisodes,
      JdbcClient db, @Value("${mcc.intake.duplicate-age-gap}") int duplicateAgeGap) {
    this.db = db;
    this.cases = cases;
    this.timeline = timeline;
    this.matches = matches;
    this.earlierEpisodes = earlierEpisodes;
    this.duplicateAgeGap = duplicateAgeGap;
  }

  @JobWorker(type = "case.register", fetchVariables = "caseId")
  @Transactional
  public Map<String, Object> register(ActivatedJob job, @Variable String caseId) {
    // The first step of a missing child's case: the case learns its process instance here.
    cases.recordProcessInstance(UUID.fromString(caseId), job.getProcessInstanceKey());
    ChildCase childCase = cases.findById(UUID.fromString(caseId)).orElseThrow();
    List<String> duplicates = openReportsOfSameChild(childCase);
    childCase.flagPossibleDuplicates(duplicates.isEmpty() ? null : String.join(", ", duplicates));
    // Perhaps missing again: the earlier case the matcher's evidence points to is proposed; the
    // caseworker confirms it (or not) in the risk assessment.
    Optional<EarlierEpisodes.Proposal> earlier = earlierEpisodes.propose(childCase);
    earlier.ifPresent(e -> childCase.proposeEarlierEpisode(e.earlier().getId()));
    String detail = (duplicates.isEmpty() ? "no possible duplicate" : "possible duplicates: " + String.join(", ", duplicates))
        + earlier.map(e -> "; perhaps missing before: earlier case " + e.earlier().getCaseNumber() + ", " + e.evidence()).orElse("");
    timeline.systemStep(childCase.getId(), job.getKey(), job.getElementId(), "Case registered", detail);
    // A new report may be a child already found: open found-child records are checked too.
    matches.findFor(childCase.getId());
    Map<String, Object> result = new HashMap<>();
    result.put("possibleDuplicateCount", duplicates.size());
    earlier.ifPresent(e -> {
      result.put("earlierEpisodeCaseNumber", e.earlier().getCaseNumber());
      result.put("earlierEpisodeEvidence", e.evidence());
    });
    return result;
  }

  /**
   * The case numbers of the county's other open missing reports that may describe the same child (same
   * first name and sex, age within the duplicate age gap), found by the index on county and first name.
   */
  private List<String> openReportsOfSameChild(ChildCase childCase) {
    var same = db.sql("""
        select case_number from child_case
        where case_type = 'MISSING' and county_code = :county and child_first_name_lower = lower(:firstName)
          and status = 'OPEN' and id <> :exclude and child_sex = :sex and """ + MatchFinder.AGE_WITHIN);
    return MatchFinder.ageWithin(same, childCase.getChildAge(), duplicateAgeGap).param("county", childCase.getCountyCode())
        .param("firstName", childCase.getChildFirstName()).param("exclude", childCase.getId()).param("sex", childCase.getChildSex())
        .query(String.class).list().stream().sorted().toList();
  }
}
