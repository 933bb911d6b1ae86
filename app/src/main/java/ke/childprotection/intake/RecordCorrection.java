package ke.childprotection.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A correction of what is known of the child, sent whole (the fields as they should now read), with
 * the version it corrects and the reason. A missing child's first name is required; a found child's may
 * still be unknown.
 */
public record RecordCorrection(
    @NotNull Long version,
    @Size(max = 80) String childFirstName,
    @Size(max = 80) String childLastName,
    @NotBlank @Pattern(regexp = "FEMALE|MALE|UNKNOWN", message = "{validation.sex}") String childSex,
    @Min(0) @Max(17) Integer childAge,
    @Size(max = 80) String subCounty,
    @NotBlank @Size(max = 200) String place,
    @Size(max = 1000) String clothingAndMarks,
    @Size(max = 200) String languages,
    @Size(max = 400) String relatives,
    boolean consentTracing,
    boolean consentPublicity,
    @NotBlank @Size(max = 300) String reason) {}
