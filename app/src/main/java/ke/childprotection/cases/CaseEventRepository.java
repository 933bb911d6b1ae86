package ke.childprotection.cases;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CaseEventRepository extends JpaRepository<CaseEvent, Long> {
  List<CaseEvent> findByCaseIdOrderByOccurredAtAscIdAsc(UUID caseId);

  /** Writes the entry unless one with the same dedup key exists: atomic, so concurrent writers cannot collide. */
  @org.springframework.data.jpa.repository.Modifying
  @org.springframework.data.jpa.repository.Query(nativeQuery = true, value = """
      insert into case_event (case_id, occurred_at, kind, element_id, step_name, actor, detail, dedup_key, county_code)
      values (:caseId, :occurredAt, :kind, :elementId, :stepName, :actor, :detail, :dedupKey,
        (select c.county_code from child_case c where c.id = :caseId))
      on conflict do nothing
      """)
  int insertOnce(UUID caseId, java.time.OffsetDateTime occurredAt, String kind, String elementId, String stepName,
      String actor, String detail, String dedupKey);
}
