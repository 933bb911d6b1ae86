package ke.childprotection.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** A child found alone, separated, abandoned or on the move; the name may not be known. */
public record FoundChildReport(
    @NotBlank @Pattern(regexp = "\\d{3}", message = "{validation.countyCode}") String countyCode,
    @Size(max = 80) String subCounty,
    @Size(max = 80) String childFirstName,
    @Size(max = 80) String childLastName,
    @NotBlank @Pattern(regexp = "FEMALE|MALE|UNKNOWN", message = "{validation.sex}") String childSex,
    @Min(0) @Max(17) Integer apparentAge,
    @NotNull @PastOrPresent OffsetDateTime foundAt,
    @NotBlank @Size(max = 200) String foundPlace,
    @Size(max = 1000) String description,
    @Size(max = 200) String languages,
    @Size(max = 4000) String circumstances,
    @Size(max = 400) String relatives,
    @NotBlank @Size(max = 120) String foundByName,
    @NotBlank @Pattern(regexp = "\\+?[0-9 ]{9,16}", message = "{validation.phone}") String foundByPhone,
    @NotBlank @Pattern(regexp = "POLICE|COMMUNITY|CHIEF|SCHOOL|INSTITUTION|HELPLINE_116|OTHER",
        message = "{validation.foundBy}")
    String foundByRole,
    boolean consentTracing,
    boolean consentPublicity) {}
