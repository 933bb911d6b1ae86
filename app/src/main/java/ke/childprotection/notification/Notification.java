package ke.childprotection.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A message to the staff of a role in a county: a missed deadline, an escalation. */
@Entity
@Table(name = "notification")
public class Notification {
  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Column(nullable = false) private UUID caseId;
  @Column(nullable = false) private String countyCode;
  @Column(nullable = false) private String recipientRole;
  @Column(nullable = false) private String reason;
  @Column(nullable = false) private String message;
  @Column(nullable = false) private OffsetDateTime createdAt;
  @Column(nullable = false, unique = true) private String dedupKey;
  /** The step the notification is about (a task overdue), when there is one. */
  private String elementId;

  protected Notification() {}

  public Long getId() { return id; }
  public UUID getCaseId() { return caseId; }
  public String getCountyCode() { return countyCode; }
  public String getRecipientRole() { return recipientRole; }
  public String getReason() { return reason; }
  public String getMessage() { return message; }
  public OffsetDateTime getCreatedAt() { return createdAt; }
  public String getElementId() { return elementId; }
}
