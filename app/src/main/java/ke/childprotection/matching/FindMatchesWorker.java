package ke.childprotection.matching;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCaseRepository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.stereotype.Component;

/** {@code match.find}: matches a newly registered record against the other kind; a repeat finds nothing new. */
@Component
public class FindMatchesWorker {
  private final MatchFinder finder;
  private final CaseTimeline timeline;
  private final ChildCaseRepository cases;
  private final MatchCandidateRepository candidates;

  FindMatchesWorker(MatchFinder finder, CaseTimeline timeline, ChildCaseRepository cases, MatchCandidateRepository candidates) {
    this.finder = finder;
    this.candidates = candidates;
    this.timeline = timeline;
    this.cases = cases;
  }

  /** The first step of a found child's case: the case learns its process instance here. */
  @JobWorker(type = "match.find", fetchVariables = "caseId")
  @Transactional
  public Map<String, Object> find(ActivatedJob job, @Variable String caseId) {
    cases.recordProcessInstance(UUID.fromString(caseId), job.getProcessInstanceKey());
    int added = finder.findFor(UUID.fromString(caseId));
    // What is waiting for verification now, whoever proposed it (this job, an earlier attempt of it, or
    // a missing report registered meanwhile): a retried job says the same as the first attempt.
    int waiting = candidates.findProposedInvolving(UUID.fromString(caseId)).size();
    timeline.systemStep(UUID.fromString(caseId), job.getKey(), job.getElementId(), "Matched against open records",
        waiting == 0 ? "no candidate" : waiting + " candidate(s) waiting for verification");
    return Map.of("newMatchCandidates", added);
  }
}
