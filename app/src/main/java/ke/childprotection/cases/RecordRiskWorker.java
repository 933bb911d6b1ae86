package ke.childprotection.cases;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@code case.record-risk}: the risk level the DMN decided, kept with the case; a repeat writes the same. */
@Component
public class RecordRiskWorker {
  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;

  RecordRiskWorker(ChildCaseRepository cases, CaseTimeline timeline) {
    this.cases = cases;
    this.timeline = timeline;
  }

  @JobWorker(type = "case.record-risk", fetchVariables = {"caseId", "risk"})
  @Transactional
  public void record(ActivatedJob job, @Variable String caseId, @Variable Map<String, Object> risk) {
    String level = String.valueOf(risk.get("riskLevel"));
    cases.findById(UUID.fromString(caseId)).orElseThrow().assessRisk(level);
    timeline.systemStep(UUID.fromString(caseId), job.getKey(), job.getElementId(), "Risk level decided", level.toLowerCase() + " risk");
  }
}
