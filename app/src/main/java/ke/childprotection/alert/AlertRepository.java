package ke.childprotection.alert;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface AlertRepository extends JpaRepository<Alert, Long> {
  boolean existsByDedupKey(String dedupKey);

  List<Alert> findByCaseId(UUID caseId);
}
