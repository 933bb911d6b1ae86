package ke.childprotection.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import jakarta.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way a step of a case is recorded. An entry with a dedup key is written once however often
 * it is offered: a job that Zeebe delivers again writes nothing new.
 */
@Service
public class CaseTimeline {
  /** Writes the entry unless one with the same dedup key exists: atomic, so concurrent writers cannot collide. */
  private static final String INSERT_ONCE = """
      insert into case_event (case_id, occurred_at, kind, element_id, step_name, actor, detail, dedup_key, county_code)
      values (?, ?, ?, ?, ?, ?, ?, ?, (select c.county_code from child_case c where c.id = ?))
      on conflict do nothing
      """;
  private final CaseEventRepository events;
  private final JdbcTemplate jdbc;
  private final EntityManager entities;

  CaseTimeline(CaseEventRepository events, JdbcTemplate jdbc, EntityManager entities) {
    this.events = events;
    this.jdbc = jdbc;
    this.entities = entities;
  }

  @Transactional
  public void record(UUID caseId, CaseEvent.Kind kind, String elementId, String stepName, String actor,
      String detail, String dedupKey) {
    // One statement either way (it also writes the case's county with the entry), after the changes the
    // transaction made so far (the case itself may be one); plain JDBC, as on every job and report.
    entities.flush();
    jdbc.update(INSERT_ONCE, caseId, OffsetDateTime.now(), kind.name(), elementId, stepName, actor, detail, dedupKey, caseId);
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
