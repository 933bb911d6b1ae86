package ke.childprotection.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a step of a case is recorded. An entry with a dedup key is written once however often
 * it is offered: a job that Zeebe delivers again writes nothing new.
 */
@Service
public class CaseTimeline {
  private final CaseEventRepository events;

  CaseTimeline(CaseEventRepository events) {
    this.events = events;
  }

  @Transactional
  public void record(UUID caseId, CaseEvent.Kind kind, String elementId, String stepName, String actor,
      String detail, String dedupKey) {
    // one statement either way (it also writes the case's county with the entry)
    events.insertOnce(caseId, OffsetDateTime.now(), kind.name(), elementId, stepName, actor, detail, dedupKey);
  }

  /** Records a job's step as done by the system (service tasks, decisions made by workers). */
  @Transactional
  public void systemStep(UUID caseId, long jobKey, String elementId, String stepName, String detail) {
    record(caseId, CaseEvent.Kind.STEP_COMPLETED, elementId, stepName, "system", detail, "job:" + jobKey + ":done");
  }

  @Transactional(readOnly = true)
  public List<CaseEvent> of(UUID caseId) {
    return events.findByCaseIdOrderByOccurredAtAscIdAsc(caseId);
  }
}
