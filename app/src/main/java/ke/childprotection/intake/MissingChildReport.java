package ke.childprotection.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** A report of a missing child, as taken at once from a parent, police, chief, school, 116 or the community. */
public record MissingChildReport(
    @NotBlank @Pattern(regexp = "\\d{3}", message = "{validation.countyCode}") String countyCode,
    @Size(max = 80) String subCounty,
    @NotBlank @Size(max = 80) String childFirstName,
    @Size(max = 80) String childLastName,
    @NotBlank @Pattern(regexp = "FEMALE|MALE|UNKNOWN", message = "{validation.sex}") String childSex,
    @Min(0) @Max(17) Integer childAge,
    @NotNull @PastOrPresent OffsetDateTime lastSeenAt,
    @NotBlank @Size(max = 200) String lastSeenPlace,
    @Size(max = 1000) String clothingAndMarks,
    @Size(max = 1000) String medicalNeeds,
    boolean disabilityOrMedicalNeed,
    boolean suspectedAbduction,
    @Size(max = 4000) String circumstances,
    @Size(max = 400) String relatives,
    @NotBlank @Size(max = 120) String reporterName,
    @NotBlank @Pattern(regexp = "\\+?[0-9 ]{9,16}", message = "{validation.phone}") String reporterPhone,
    @NotBlank @Pattern(regexp = "PARENT|RELATIVE|POLICE|CHIEF|SCHOOL|INSTITUTION|HELPLINE_116|COMMUNITY",
        message = "{validation.reporterRelation}")
    String reporterRelationship,
    @Size(max = 40) String policeObNumber,
    boolean consentPublicity,
    boolean consentTracing,
    // the reporter agrees to an SMS with the case number, and another when the child is found (no details)
    boolean notifyReporter) {}
