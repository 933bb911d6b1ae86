package ke.childprotection.trafficking;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface TraffickingReferralRepository extends JpaRepository<TraffickingReferral, UUID> {
  Optional<TraffickingReferral> findByCaseId(UUID caseId);

  @Query(value = "select nextval('trafficking_referral_seq')", nativeQuery = true)
  long nextNumber();
}
