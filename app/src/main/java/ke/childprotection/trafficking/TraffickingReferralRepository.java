package ke.childprotection.trafficking;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface TraffickingReferralRepository extends JpaRepository<TraffickingReferral, UUID> {
  Optional<TraffickingReferral> findByCaseId(UUID caseId);
}
