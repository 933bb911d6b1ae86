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
}
