package ke.childprotection.alert;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AlertRepository extends JpaRepository<Alert, Long> {
  /** Records the alert unless it was recorded already (same dedup key); atomic. Returns rows written. */
  @org.springframework.data.jpa.repository.Modifying
  @org.springframework.data.jpa.repository.Query(nativeQuery = true, value = """
      insert into alert (case_id, channel, published_at, dedup_key) values (:caseId, :channel, :publishedAt, :dedupKey)
      on conflict do nothing
      """)
  int insertOnce(UUID caseId, String channel, java.time.OffsetDateTime publishedAt, String dedupKey);

  List<Alert> findByCaseId(UUID caseId);

  /** Marks every alert of the case still out as withdrawn by this job. Returns rows changed. */
  @org.springframework.data.jpa.repository.Modifying
  @org.springframework.data.jpa.repository.Query(nativeQuery = true, value = """
      update alert set withdrawn_at = :at, withdrawn_by = :by where case_id = :caseId and withdrawn_at is null
      """)
  int withdrawAll(UUID caseId, java.time.OffsetDateTime at, String by);

  /** The channels this withdrawal took the case's alert off (the same answer when the job is retried). */
  @org.springframework.data.jpa.repository.Query(nativeQuery = true, value = """
      select distinct channel from alert where case_id = :caseId and withdrawn_by = :by order by channel
      """)
  List<String> channelsWithdrawnBy(UUID caseId, String by);
}
