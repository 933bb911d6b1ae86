package ke.childprotection.audit;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEntries extends JpaRepository<AuditEntry, Long> {
  long countByCaseIdAndAction(UUID caseId, String action);
}
