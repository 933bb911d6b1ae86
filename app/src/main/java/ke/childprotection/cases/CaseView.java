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
    String languages, UUID linkedCaseId, UUID previousCaseId, String relatives, long version) {

  public static CaseView of(ChildCase c) {
    return new CaseView(c.getId(), c.getCaseType().name(), c.getCaseNumber(), c.getStatus().name(), c.getCountyCode(), c.getSubCounty(),
        childName(c), c.getChildSex(), c.getChildAge(), c.getLastSeenAt(), c.getLastSeenPlace(),
        c.getClothingAndMarks(), c.getMedicalNeeds(), c.isDisabilityOrMedicalNeed(), c.isSuspectedAbduction(),
        c.getCircumstances(), c.getReporterName(), c.getReporterPhone(), c.getReporterRelationship(),
        c.getPoliceObNumber(), c.isConsentPublicity(), c.isConsentTracing(), c.getReportedAt(), c.getReportedBy(),
        c.getCaseworker(), c.getPossibleDuplicates(), c.getLocatedAt(), c.getClosedAt(), c.getLanguages(),
        c.getLinkedCaseId(), c.getPreviousCaseId(), c.getRelatives(), c.getVersion());
  }

  static String childName(ChildCase c) {
    if (c.getChildFirstName() == null) {
      return "name unknown";
    }
    return c.getChildLastName() == null ? c.getChildFirstName() : c.getChildFirstName() + " " + c.getChildLastName();
  }
}
