package ke.childprotection.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One alert sent through one channel. */
@Entity
@Table(name = "alert")
public class Alert {
  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Column(nullable = false) private UUID caseId;
  @Column(nullable = false) private String channel;
  @Column(nullable = false) private OffsetDateTime publishedAt;
  @Column(nullable = false, unique = true) private String dedupKey;
  private OffsetDateTime withdrawnAt;
  private String withdrawnBy;

  protected Alert() {}

  public UUID getCaseId() { return caseId; }
  public String getChannel() { return channel; }
  public OffsetDateTime getPublishedAt() { return publishedAt; }
  public OffsetDateTime getWithdrawnAt() { return withdrawnAt; }
  public String getWithdrawnBy() { return withdrawnBy; }
}
