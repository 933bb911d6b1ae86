package ke.childprotection.matching;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.CaseTimeline;
import org.springframework.stereotype.Component;

/** {@code match.decide}: applies the caseworker's choice from the verify-match form. */
@Component
public class DecideMatchWorker {
  private final MatchDecision decision;
  private final CaseTimeline timeline;

  DecideMatchWorker(MatchDecision decision, CaseTimeline timeline) {
    this.decision = decision;
    this.timeline = timeline;
  }

  @JobWorker(type = "match.decide", fetchVariables = {"caseId", "matchDecision", "matchOptions", "completedBy"})
  public Map<String, Object> decide(ActivatedJob job, @Variable String caseId, @Variable String matchDecision,
      @Variable List<Map<String, Object>> matchOptions, @Variable String completedBy) {
    List<String> offered = matchOptions.stream().map(o -> String.valueOf(o.get("value"))).toList();
    var confirmed = decision.decide(UUID.fromString(caseId), matchDecision, offered, completedBy);
    timeline.systemStep(UUID.fromString(caseId), job.getKey(), job.getElementId(), "Match decision recorded",
        confirmed.map(n -> "confirmed: " + n).orElse("none of the candidates"));
    Map<String, Object> result = new HashMap<>();
    result.put("matchedMissingCase", confirmed.orElse(null));
    return result;
  }
}
