package ke.childprotection.cases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A child's case: the report and the facts every step needs. The process drives it; this records it. */
@Entity
@Table(name = "child_case")
public class ChildCase extends ke.childprotection.support.OwnIdEntity<UUID> {
  public enum Status { OPEN, LOCATED, CLOSED }

  /** A report of a missing child, or the record of a child found alone. */
  public enum Type { MISSING, FOUND }

  @Id private UUID id;
  @Enumerated(EnumType.STRING) @Column(nullable = false) private Type caseType = Type.MISSING;
  @Column(nullable = false, unique = true) private String caseNumber;
  @Enumerated(EnumType.STRING) @Column(nullable = false) private Status status;
  @Column(nullable = false) private String countyCode;
  private String subCounty;
  private String childFirstName;
  private String childLastName;
  @Column(nullable = false) private String childSex;
  private Integer childAge;
  @Column(nullable = false) private OffsetDateTime lastSeenAt;
  @Column(nullable = false) private String lastSeenPlace;
  private String clothingAndMarks;
  private String medicalNeeds;
  private boolean disabilityOrMedicalNeed;
  private boolean suspectedAbduction;
  private String circumstances;
  @Column(nullable = false) private String reporterName;
  @Column(nullable = false) private String reporterPhone;
  @Column(nullable = false) private String reporterRelationship;
  private String policeObNumber;
  private boolean consentPublicity;
  private boolean consentTracing;
  /** The reporter agreed to an SMS with the case number and, later, the news that the child was found. */
  private boolean notifyReporter;
  /** When a caseworker confirmed that the child located is this child. */
  private OffsetDateTime identityConfirmedAt;
  @Column(nullable = false) private OffsetDateTime reportedAt;
  @Column(nullable = false) private String reportedBy;
  private Long processInstanceKey;
  private String caseworker;
  private String possibleDuplicates;
  private OffsetDateTime locatedAt;
  private OffsetDateTime withdrawnAt;
  private UUID proposedPreviousCaseId;
  private OffsetDateTime closedAt;
  private String languages;
  private UUID linkedCaseId;
  private UUID previousCaseId;
  private String relatives;
  private String pseudonym;
  private UUID traffickingReferralId;
  private String riskLevel;
  @Version private long version;
  /** What matching finds the record by ({@link NameKeys}), kept with the names. */
  @jakarta.persistence.ElementCollection
  @jakarta.persistence.CollectionTable(name = "child_name_key", joinColumns = @jakarta.persistence.JoinColumn(name = "case_id"))
  @Column(name = "name_key", nullable = false, length = 8)
  private java.util.Set<String> nameKeys = new java.util.HashSet<>();

  protected ChildCase() {}

  public ChildCase(UUID id, String caseNumber, String countyCode, OffsetDateTime reportedAt, String reportedBy) {
    this(Type.MISSING, id, caseNumber, countyCode, reportedAt, reportedBy);
  }

  public ChildCase(Type type, UUID id, String caseNumber, String countyCode, OffsetDateTime reportedAt, String reportedBy) {
    this.caseType = type;
    this.id = id;
    this.caseNumber = caseNumber;
    this.countyCode = countyCode;
    this.reportedAt = reportedAt;
    this.reportedBy = reportedBy;
    this.status = Status.OPEN;
    madeHere();
  }

  public void describeChild(String firstName, String lastName, String sex, Integer age, String subCounty) {
    this.childFirstName = firstName;
    this.childLastName = lastName;
    java.util.Set<String> keys = NameKeys.of(firstName, lastName);
    if (!nameKeys.equals(keys)) {
      nameKeys.clear();
      nameKeys.addAll(keys);
    }
    this.childSex = sex;
    this.childAge = age;
    this.subCounty = subCounty;
  }

  public void describeDisappearance(OffsetDateTime lastSeenAt, String lastSeenPlace, String clothingAndMarks,
      String medicalNeeds, boolean disabilityOrMedicalNeed, boolean suspectedAbduction, String circumstances) {
    this.lastSeenAt = lastSeenAt;
    this.lastSeenPlace = lastSeenPlace;
    this.clothingAndMarks = clothingAndMarks;
    this.medicalNeeds = medicalNeeds;
    this.disabilityOrMedicalNeed = disabilityOrMedicalNeed;
    this.suspectedAbduction = suspectedAbduction;
    this.circumstances = circumstances;
  }

  public void recordReporter(String name, String phone, String relationship, String policeObNumber,
      boolean consentPublicity, boolean consentTracing) {
    this.reporterName = name;
    this.reporterPhone = phone;
    this.reporterRelationship = relationship;
    this.policeObNumber = policeObNumber;
    this.consentPublicity = consentPublicity;
    this.consentTracing = consentTracing;
  }

  /** Applies a correction; returns the names of the fields that changed. */
  public java.util.List<String> correct(String firstName, String lastName, String sex, Integer age, String subCounty,
      String place, String clothingAndMarks, String languages, String relatives, boolean consentTracing,
      boolean consentPublicity) {
    java.util.List<String> changed = new java.util.ArrayList<>();
    if (!java.util.Objects.equals(childFirstName, firstName) || !java.util.Objects.equals(childLastName, lastName)) changed.add("name");
    if (!java.util.Objects.equals(childSex, sex)) changed.add("sex");
    if (!java.util.Objects.equals(childAge, age)) changed.add("age");
    if (!java.util.Objects.equals(this.subCounty, subCounty)) changed.add("sub-county");
    if (!java.util.Objects.equals(lastSeenPlace, place)) changed.add("place");
    if (!java.util.Objects.equals(this.clothingAndMarks, clothingAndMarks)) changed.add("description");
    if (!java.util.Objects.equals(this.languages, languages)) changed.add("languages");
    if (!java.util.Objects.equals(this.relatives, relatives)) changed.add("relatives");
    if (this.consentTracing != consentTracing) changed.add(consentTracing ? "tracing consent given" : "tracing consent withdrawn");
    if (this.consentPublicity != consentPublicity) changed.add(consentPublicity ? "publicity consent given" : "publicity consent withdrawn");
    describeChild(firstName, lastName, sex, age, subCounty);
    this.lastSeenPlace = place;
    this.clothingAndMarks = clothingAndMarks;
    this.languages = languages;
    this.relatives = relatives;
    this.consentTracing = consentTracing;
    this.consentPublicity = consentPublicity;
    return changed;
  }

  /** Escalated to the Counter-Trafficking Secretariat: the secretariat may now read the case. */
  public void referredToSecretariat(UUID referralId) { this.traffickingReferralId = referralId; }

  /** From now on, shown by this pseudonym to all but the secretariat and the assigned caseworker. */
  public void pseudonymise(String pseudonym) { this.pseudonym = pseudonym; }

  public void assessRisk(String level) { this.riskLevel = level; }

  public void speaks(String languages) { this.languages = languages; }
  public void namesRelatives(String relatives) { this.relatives = relatives; }
  public void linkTo(UUID otherCase) { this.linkedCaseId = otherCase; }
  /** The matcher's evidence points to an earlier case of this child: proposed until the caseworker confirms. */
  public void proposeEarlierEpisode(UUID earlierCase) { this.proposedPreviousCaseId = earlierCase; }

  /** The caseworker confirmed (or rejected) the proposed earlier episode. */
  public void earlierEpisodeDecided(boolean same) {
    if (same && proposedPreviousCaseId != null) {
      previousCaseId = proposedPreviousCaseId;
    }
    proposedPreviousCaseId = null;
  }
  public void assignTo(String caseworker) { this.caseworker = caseworker; }
  public void flagPossibleDuplicates(String caseNumbers) { this.possibleDuplicates = caseNumbers; }

  public void located(OffsetDateTime at) {
    if (status == Status.OPEN) {
      status = Status.LOCATED;
      locatedAt = at;
    }
  }

  /** The report was withdrawn: made in error, or the child was never missing. */
  public void withdrawn(OffsetDateTime at) {
    if (status == Status.OPEN && withdrawnAt == null) {
      withdrawnAt = at;
    }
  }

  /** A location whose identity was not confirmed: the child is still missing. */
  public void stillMissing() {
    if (status == Status.LOCATED) {
      status = Status.OPEN;
      locatedAt = null;
    }
  }

  public void close(OffsetDateTime at) {
    status = Status.CLOSED;
    closedAt = at;
  }

  public UUID getId() { return id; }
  public long getVersion() { return version; }
  public String getPseudonym() { return pseudonym; }
  public String getRiskLevel() { return riskLevel; }
  public UUID getTraffickingReferralId() { return traffickingReferralId; }
  public Type getCaseType() { return caseType; }
  public String getLanguages() { return languages; }
  public UUID getLinkedCaseId() { return linkedCaseId; }
  public UUID getPreviousCaseId() { return previousCaseId; }
  public String getRelatives() { return relatives; }
  public String getCaseNumber() { return caseNumber; }
  public Status getStatus() { return status; }
  public String getCountyCode() { return countyCode; }
  public String getSubCounty() { return subCounty; }
  public String getChildFirstName() { return childFirstName; }
  public String getChildLastName() { return childLastName; }
  public String getChildSex() { return childSex; }
  public Integer getChildAge() { return childAge; }
  public OffsetDateTime getLastSeenAt() { return lastSeenAt; }
  public String getLastSeenPlace() { return lastSeenPlace; }
  public String getClothingAndMarks() { return clothingAndMarks; }
  public String getMedicalNeeds() { return medicalNeeds; }
  public boolean isDisabilityOrMedicalNeed() { return disabilityOrMedicalNeed; }
  public boolean isSuspectedAbduction() { return suspectedAbduction; }
  public String getCircumstances() { return circumstances; }
  public String getReporterName() { return reporterName; }
  public String getReporterPhone() { return reporterPhone; }
  public String getReporterRelationship() { return reporterRelationship; }
  public String getPoliceObNumber() { return policeObNumber; }
  public boolean isConsentPublicity() { return consentPublicity; }
  public boolean isConsentTracing() { return consentTracing; }
  public boolean isNotifyReporter() { return notifyReporter; }
  public OffsetDateTime getIdentityConfirmedAt() { return identityConfirmedAt; }

  /** The reporter agrees (or no longer agrees) to be told the case number and that the child was found, by SMS. */
  public void tellReporter(boolean agreed) {
    this.notifyReporter = agreed;
  }

  /** A caseworker confirmed that the child located is this child. */
  public void identityConfirmed(OffsetDateTime at) {
    if (identityConfirmedAt == null && locatedAt != null) {
      identityConfirmedAt = at;
    }
  }
  public OffsetDateTime getReportedAt() { return reportedAt; }
  public String getReportedBy() { return reportedBy; }
  public Long getProcessInstanceKey() { return processInstanceKey; }
  public String getCaseworker() { return caseworker; }
  public String getPossibleDuplicates() { return possibleDuplicates; }
  public OffsetDateTime getLocatedAt() { return locatedAt; }
  public OffsetDateTime getWithdrawnAt() { return withdrawnAt; }
  public UUID getProposedPreviousCaseId() { return proposedPreviousCaseId; }
  public OffsetDateTime getClosedAt() { return closedAt; }
}
