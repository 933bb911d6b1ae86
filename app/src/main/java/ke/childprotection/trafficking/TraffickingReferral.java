package ke.childprotection.trafficking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A child's referral to the Counter-Trafficking Secretariat: one per case, reopened by a later indication. */
@Entity
@Table(name = "trafficking_referral")
public class TraffickingReferral {
  public enum Status { OPEN, CLOSED }

  @Id private UUID id;
  @Column(nullable = false, unique = true) private UUID caseId;
  @Column(nullable = false, unique = true) private String referralNumber;
  @Column(nullable = false) private String countyCode;
  @Enumerated(EnumType.STRING) @Column(nullable = false) private Status status;
  private String scope;
  private String basis;
  private Boolean victimIdentified;
  private String trustFundStatus;
  @Column(nullable = false) private OffsetDateTime openedAt;
  private OffsetDateTime closedAt;
  private int timesOpened;
  @Version private long version;

  protected TraffickingReferral() {}

  TraffickingReferral(UUID caseId, String referralNumber, String countyCode, String scope, String basis) {
    this.id = UUID.randomUUID();
    this.caseId = caseId;
    this.referralNumber = referralNumber;
    this.countyCode = countyCode;
    this.scope = scope;
    this.basis = basis;
    this.status = Status.OPEN;
    this.openedAt = OffsetDateTime.now();
    this.timesOpened = 1;
  }

  void reopen() {
    status = Status.OPEN;
    closedAt = null;
    timesOpened++;
  }

  void close(OffsetDateTime at) {
    if (status == Status.OPEN) {
      status = Status.CLOSED;
      closedAt = at;
    }
  }

  void identified(boolean victim) { this.victimIdentified = victim; }
  void trustFund(String status) { this.trustFundStatus = status; }

  public UUID getId() { return id; }
  public UUID getCaseId() { return caseId; }
  public String getReferralNumber() { return referralNumber; }
  public String getCountyCode() { return countyCode; }
  public Status getStatus() { return status; }
  public String getScope() { return scope; }
  public String getBasis() { return basis; }
  public Boolean getVictimIdentified() { return victimIdentified; }
  public String getTrustFundStatus() { return trustFundStatus; }
  public OffsetDateTime getOpenedAt() { return openedAt; }
  public OffsetDateTime getClosedAt() { return closedAt; }
  public int getTimesOpened() { return timesOpened; }
}
