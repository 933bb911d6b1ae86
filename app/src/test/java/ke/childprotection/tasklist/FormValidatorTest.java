package ke.childprotection.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import ke.childprotection.support.InvalidInput;
import org.junit.jupiter.api.Test;

/** The server-side check of the real forms in forms/, with form-js's rules and messages. */
class FormValidatorTest {
  private final FormValidator validator = new FormValidator(new ObjectMapper());

  private static String form(String id) throws Exception {
    return Files.readString(Path.of("../forms/" + id + ".form"));
  }

  @Test
  void requiredCheckboxMustBeTicked() throws Exception {
    var result = validator.validate(form("accept-case"), Map.of(), Map.of("acceptConfirmed", false));
    assertThat(result.errors()).containsExactly(new InvalidInput.Field("acceptConfirmed", "problem.form.required"));
    assertThat(validator.validate(form("accept-case"), Map.of(), Map.of("acceptConfirmed", true)).valid()).isTrue();
  }

  @Test
  void keysOutsideTheFormAreRefusedSoAFormCannotSetOtherProcessVariables() throws Exception {
    var result = validator.validate(form("accept-case"), Map.of(), Map.of("acceptConfirmed", true, "caseworker", "someone"));
    assertThat(result.errors()).containsExactly(new InvalidInput.Field("caseworker", "problem.form.unknownField"));
  }

  @Test
  void lengthsOptionsAndDatesAreChecked() throws Exception {
    Map<String, Object> data = new HashMap<>();
    data.put("visitDate", "9 December");
    data.put("childWellbeing", "FINE");
    data.put("visitNotes", "short");
    var result = validator.validate(form("follow-up-visit"), Map.of(), data);
    assertThat(result.errors()).containsExactlyInAnyOrder(
        new InvalidInput.Field("visitDate", "problem.form.date"),
        new InvalidInput.Field("childWellbeing", "problem.form.option"),
        new InvalidInput.Field("visitNotes", "problem.form.minLength", 10));
  }

  @Test
  void hiddenFieldIsNeitherRequiredNorPassedOn() throws Exception {
    // closureRejectionReason is hidden (FEEL: closureApproved = true) once closure is approved.
    var approved = validator.validate(form("approve-closure"), Map.of("closureSummary", "done"),
        Map.of("closureApproved", true, "closureRejectionReason", "stale text"));
    assertThat(approved.valid()).isTrue();
    assertThat(approved.data()).containsOnlyKeys("closureApproved");

    var rejected = validator.validate(form("approve-closure"), Map.of(), Map.of("closureApproved", false));
    assertThat(rejected.errors()).containsExactly(new InvalidInput.Field("closureRejectionReason", "problem.form.required"));
  }

  @Test
  void conditionsCanReadTheTaskInputAsWellAsTheSubmission() throws Exception {
    // consentOverride is shown only when the parent did not consent (publicityConsent from the process).
    Map<String, Object> data = Map.of("alertApproved", true, "consentOverride", true, "alertDecisionReason", "best interests");
    assertThat(validator.validate(form("approve-alert"), Map.of("publicityConsent", false), data).data())
        .containsEntry("consentOverride", true);
    assertThat(validator.validate(form("approve-alert"), Map.of("publicityConsent", true), data).data())
        .doesNotContainKey("consentOverride");
  }
}
