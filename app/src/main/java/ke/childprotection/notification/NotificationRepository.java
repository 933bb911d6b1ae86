package ke.childprotection.notification;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface NotificationRepository extends JpaRepository<Notification, Long> {
  boolean existsByDedupKey(String dedupKey);

  List<Notification> findByCountyCodeAndRecipientRoleOrderByCreatedAtDesc(String county, String role);

  List<Notification> findByCaseId(UUID caseId);
}
