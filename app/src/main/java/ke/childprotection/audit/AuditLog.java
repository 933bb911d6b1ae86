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

  /** A read is recorded even when the reading request fails later. */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void read(String username, UUID caseId, String detail) {
    entries.save(new AuditEntry(username, Action.READ.name(), caseId, detail));
  }

  /** A change is recorded in the change's own transaction: kept if and only if the change is. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void change(String username, UUID caseId, String detail) {
    entries.save(new AuditEntry(username, Action.CHANGE.name(), caseId, detail));
  }
}
