package ke.childprotection.audit;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Who read or changed a child's record, when, and through what. The one way to record audit. */
@Service
public class AuditLog {
  public enum Action { READ, CHANGE }

  private final AuditEntries entries;

  AuditLog(AuditEntries entries) {
    this.entries = entries;
  }

  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void record(String username, Action action, UUID caseId, String detail) {
    entries.save(new AuditEntry(username, action.name(), caseId, detail));
  }

  @Transactional(readOnly = true)
  public long count(UUID caseId, Action action) {
    return entries.countByCaseIdAndAction(caseId, action.name());
  }
}
