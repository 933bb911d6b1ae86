package ke.childprotection.matching;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A found child and a missing report the matcher thinks may be the same child, and the caseworker's decision. */
@Entity
@Table(name = "match_candidate")
public class MatchCandidate {
  /** WITHDRAWN: one of the two records no longer allows tracing; never confirmed. */
  public enum Status { PROPOSED, CONFIRMED, REJECTED, WITHDRAWN }

  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Column(nullable = false) private UUID foundCaseId;
  @Column(nullable = false) private UUID missingCaseId;
  @Column(nullable = false) private BigDecimal score;
  @Enumerated(EnumType.STRING) @Column(nullable = false) private ChildMatcher.Label label;
  @Column(nullable = false) private String reasons;
  @Enumerated(EnumType.STRING) @Column(nullable = false) private Status status;
  @Column(nullable = false) private OffsetDateTime createdAt;
  private String decidedBy;
  private OffsetDateTime decidedAt;

  protected MatchCandidate() {}

  MatchCandidate(UUID foundCaseId, UUID missingCaseId, ChildMatcher.Match match) {
    this.foundCaseId = foundCaseId;
    this.missingCaseId = missingCaseId;
    this.score = BigDecimal.valueOf(match.score());
    this.label = match.label();
    this.reasons = String.join(", ", match.reasons());
    this.status = Status.PROPOSED;
    this.createdAt = OffsetDateTime.now();
  }

  void decide(Status decision, String user) {
    this.status = decision;
    this.decidedBy = user;
    this.decidedAt = OffsetDateTime.now();
  }

  public Long getId() { return id; }
  public UUID getFoundCaseId() { return foundCaseId; }
  public UUID getMissingCaseId() { return missingCaseId; }
  public BigDecimal getScore() { return score; }
  public ChildMatcher.Label getLabel() { return label; }
  public String getReasons() { return reasons; }
  public Status getStatus() { return status; }
  public String getDecidedBy() { return decidedBy; }
}
