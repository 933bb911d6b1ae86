package ke.childprotection.matching;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.CaseTimeline;
import org.springframework.stereotype.Component;

/** {@code match.find}: matches a newly registered record against the other kind; a repeat finds nothing new. */
@Component
public class FindMatchesWorker {
  private final MatchFinder finder;
  private final CaseTimeline timeline;

  FindMatchesWorker(MatchFinder finder, CaseTimeline timeline) {
    this.finder = finder;
    this.timeline = timeline;
  }

  @JobWorker(type = "match.find", fetchVariables = "caseId")
  public Map<String, Object> find(ActivatedJob job, @Variable String caseId) {
    int added = finder.findFor(UUID.fromString(caseId));
    timeline.systemStep(UUID.fromString(caseId), job.getKey(), job.getElementId(), "Matched against open records",
        added == 0 ? "no new candidate" : added + " new candidate(s)");
    return Map.of("newMatchCandidates", added);
  }
}
