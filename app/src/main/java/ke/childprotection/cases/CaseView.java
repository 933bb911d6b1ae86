package ke.childprotection.cases;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A case as shown to a user allowed to read it. */
public record CaseView(UUID id, String caseType, String caseNumber, String status, String countyCode, String subCounty,
    String childName, String childSex, Integer childAge, OffsetDateTime lastSeenAt, String lastSeenPlace,
    String clothingAndMarks, String medicalNeeds, boolean disabilityOrMedicalNeed, boolean suspectedAbduction,
    String circumstances, String reporterName, String reporterPhone, String reporterRelationship,
    String policeObNumber, boolean consentPublicity, boolean consentTracing, OffsetDateTime reportedAt,
    String reportedBy, String caseworker, String possibleDuplicates, OffsetDateTime locatedAt, OffsetDateTime closedAt,
    String languages, UUID linkedCaseId, UUID previousCaseId, String relatives, long version,
    boolean identityProtected, boolean escalatedToSecretariat, String riskLevel, OffsetDateTime withdrawnAt, UUID proposedPreviousCaseId,
    boolean reporterSms) {
  static final String RESTRICTED = "restricted";

  /** For the user who registered the case (before anyone could protect it). */
  public static CaseView of(ChildCase c) {
    return of(c, true);
  }

  /**
   * Without identity, the child is shown by pseudonym and nothing that identifies the child or the
   * family is given: names, description and marks, circumstances, relatives, reporter, police OB number.
   */
  static CaseView of(ChildCase c, boolean identity) {
    return new CaseView(c.getId(), c.getCaseType().name(), c.getCaseNumber(), c.getStatus().name(), c.getCountyCode(), c.getSubCounty(),
        childName(c, identity), c.getChildSex(), c.getChildAge(), c.getLastSeenAt(), identity ? c.getLastSeenPlace() : RESTRICTED,
        identity ? c.getClothingAndMarks() : null, c.getMedicalNeeds(), c.isDisabilityOrMedicalNeed(), c.isSuspectedAbduction(),
        identity ? c.getCircumstances() : null, identity ? c.getReporterName() : RESTRICTED, identity ? c.getReporterPhone() : RESTRICTED,
        c.getReporterRelationship(), identity ? c.getPoliceObNumber() : null, c.isConsentPublicity(), c.isConsentTracing(),
        c.getReportedAt(), c.getReportedBy(), c.getCaseworker(), c.getPossibleDuplicates(), c.getLocatedAt(), c.getClosedAt(),
        identity ? c.getLanguages() : null, c.getLinkedCaseId(), c.getPreviousCaseId(), identity ? c.getRelatives() : null,
        c.getVersion(), c.getPseudonym() != null, c.getTraffickingReferralId() != null, c.getRiskLevel(), c.getWithdrawnAt(), c.getProposedPreviousCaseId(),
        c.isNotifyReporter());
  }

  /** The name a user is shown: the pseudonym when the child's identity is hidden from them. */
  public static String childName(ChildCase c, boolean identity) {
    return childName(c.getChildFirstName(), c.getChildLastName(), c.getPseudonym(), identity);
  }

  /** {@link #childName(ChildCase, boolean)} from the record's columns. */
  public static String childName(String firstName, String lastName, String pseudonym, boolean identity) {
    if (!identity && pseudonym != null) {
      return pseudonym;
    }
    return fullName(firstName, lastName);
  }

  /** A child's name as recorded; a found child's may be unknown. */
  public static String fullName(String firstName, String lastName) {
    if (firstName == null) {
      return "name unknown";
    }
    return lastName == null ? firstName : firstName + " " + lastName;
  }
}
