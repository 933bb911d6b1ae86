package ke.childprotection.cases;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@code case.close}: the supervisor approved closure; the case record is closed (idempotent). */
@Component
public class CloseCaseWorker {
  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;

  CloseCaseWorker(ChildCaseRepository cases, CaseTimeline timeline) {
    this.cases = cases;
    this.timeline = timeline;
  }

  @JobWorker(type = "case.close", fetchVariables = "caseId")
  @Transactional
  public void close(ActivatedJob job, @Variable String caseId) {
    ChildCase childCase = cases.findById(UUID.fromString(caseId)).orElseThrow();
    if (childCase.getStatus() != ChildCase.Status.CLOSED) {
      childCase.close(OffsetDateTime.now());
    }
    timeline.record(childCase.getId(), CaseEvent.Kind.CLOSED, job.getElementId(), "Case closed", "system", null,
        "job:" + job.getKey() + ":done");
  }
}
