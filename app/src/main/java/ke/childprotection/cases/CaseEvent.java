package ke.childprotection.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One entry of a case's timeline. */
@Entity
@Table(name = "case_event")
public class CaseEvent {
  public enum Kind {
    REPORTED("reported"), STEP_STARTED("started"), STEP_COMPLETED("done"), STEP_INTERRUPTED("interrupted"),
    SIGHTING_REPORTED("sighting"), CHILD_LOCATED("located"), NOTIFIED("supervisor alerted"), CLOSED("closed"),
    MATCH_PROPOSED("possible match"), MATCH_CONFIRMED("match confirmed"), RECORD_CORRECTED("record corrected"),
    DOCUMENT_ADDED("document added"), TRAFFICKING_ESCALATED("escalated to the secretariat"),
    TRAFFICKING_INDICATION("trafficking indication"), TRAFFICKING_UPDATE("secretariat update"),
    TRAFFICKING_CONCERN("trafficking concern raised"), IDENTITY_PROTECTED("identity protected"),
    REASSIGNED("reassigned"), REPORT_WITHDRAWN("report withdrawn");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Column(nullable = false) private UUID caseId;
  @Column(nullable = false) private OffsetDateTime occurredAt;
  @Column(nullable = false) @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING) private Kind kind;
  private String elementId;
  @Column(nullable = false) private String stepName;
  @Column(nullable = false) private String actor;
  private String detail;
  private String dedupKey;

  /** Read only: entries are written by {@link CaseTimeline#record} (one insert, with the case's county). */
  protected CaseEvent() {}

  public Long getId() { return id; }
  public UUID getCaseId() { return caseId; }
  public OffsetDateTime getOccurredAt() { return occurredAt; }
  public Kind getKind() { return kind; }
  public String getElementId() { return elementId; }
  public String getStepName() { return stepName; }
  public String getActor() { return actor; }
  public String getDetail() { return detail; }

  /** Kinds whose detail never names the child, a relative or a place: steps, reminders, the protection itself. */
  private static final java.util.Set<Kind> WITHOUT_IDENTITY = java.util.EnumSet.of(Kind.STEP_STARTED, Kind.STEP_COMPLETED,
      Kind.STEP_INTERRUPTED, Kind.NOTIFIED, Kind.CLOSED, Kind.REASSIGNED, Kind.IDENTITY_PROTECTED, Kind.TRAFFICKING_ESCALATED,
      Kind.TRAFFICKING_UPDATE);
  static final String WITHHELD = "(withheld: the child's identity is protected)";

  /**
   * The detail as a user may see it: for a protected child seen by someone who may not know who it is,
   * only the details that cannot identify (sightings, places, corrections, matches are withheld).
   */
  public String detailSeenBy(boolean seesIdentity) {
    return seesIdentity || detail == null || WITHOUT_IDENTITY.contains(kind) ? detail : WITHHELD;
  }
}
