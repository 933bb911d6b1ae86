package ke.childprotection.notification;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationRepository extends JpaRepository<Notification, Long> {
  /** Creates the notification unless one with the same dedup key exists; atomic. Returns rows written. */
  @org.springframework.data.jpa.repository.Modifying
  @org.springframework.data.jpa.repository.Query(nativeQuery = true, value = """
      insert into notification (case_id, county_code, recipient_role, reason, message, created_at, dedup_key, element_id)
      values (:caseId, :countyCode, :role, :reason, :message, :createdAt, :dedupKey, :elementId)
      on conflict do nothing
      """)
  int insertOnce(UUID caseId, String countyCode, String role, String reason, String message,
      java.time.OffsetDateTime createdAt, String dedupKey, String elementId);

  List<Notification> findByCountyCodeAndRecipientRoleOrderByCreatedAtDesc(String county, String role);

  List<Notification> findByRecipientRoleOrderByCreatedAtDesc(String role);

  List<Notification> findByCaseId(UUID caseId);
}
