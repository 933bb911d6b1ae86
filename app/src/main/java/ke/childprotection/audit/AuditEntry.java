package ke.childprotection.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "audit_log")
class AuditEntry {
  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Column(nullable = false) private OffsetDateTime occurredAt;
  @Column(nullable = false) private String username;
  @Column(nullable = false) private String action;
  private UUID caseId;
  @Column(nullable = false) private String detail;

  protected AuditEntry() {}

  AuditEntry(String username, String action, UUID caseId, String detail) {
    this.occurredAt = OffsetDateTime.now();
    this.username = username;
    this.action = action;
    this.caseId = caseId;
    this.detail = detail;
  }
}
