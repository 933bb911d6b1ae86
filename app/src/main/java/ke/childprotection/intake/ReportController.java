package ke.childprotection.intake;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import ke.childprotection.cases.CaseView;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import ke.childprotection.web.Idempotency;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cases")
@Tag(name = "Cases")
class ReportController {
  private final CaseIntake intake;
  private final Idempotency idempotency;

  ReportController(CaseIntake intake, Idempotency idempotency) {
    this.intake = intake;
    this.idempotency = idempotency;
  }

  @PostMapping
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  @Operation(summary = "Report a missing child", description = "Accepted at once, any hour: the case is created and its process started. "
      + "Send an Idempotency-Key header to retry safely: a repeat returns the first answer, never a second case. "
      + "notifyReporter asks for SMS to the reporter (case number; the news once the child is found): the answer's "
      + "reporterSms says whether they will be sent (false when this installation has no SMS gateway).")
  ResponseEntity<?> report(@AuthenticationPrincipal CurrentUser user,
      @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody MissingChildReport report) {
    return idempotency.once(user, idempotencyKey, "POST /api/cases", report, () -> created(intake.report(user, report)));
  }

  private static ResponseEntity<?> created(ChildCase created) {
    return ResponseEntity.created(URI.create("/api/cases/" + created.getId())).body(CaseView.of(created));
  }

  @org.springframework.web.bind.annotation.PutMapping("/{id}/record")
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  @Operation(summary = "Correct what is known of the child",
      description = "The fields as they should now read, the version being corrected (409 if it changed meanwhile) and the reason. "
          + "A change to names, sex, age, place or relatives, or a tracing consent given, matches the record again.")
  CaseView correct(@AuthenticationPrincipal CurrentUser user, @org.springframework.web.bind.annotation.PathVariable java.util.UUID id,
      @Valid @RequestBody RecordCorrection correction) {
    return CaseView.of(intake.correct(user, id, correction));
  }

  @PostMapping("/found")
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  @Operation(summary = "Register a found child",
      description = "A child found alone, separated, abandoned or on the move. The record is matched against open missing reports whose consent allows tracing.")
  ResponseEntity<?> found(@AuthenticationPrincipal CurrentUser user,
      @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody FoundChildReport report) {
    return idempotency.once(user, idempotencyKey, "POST /api/cases/found", report,
        () -> created(intake.registerFound(user, report)));
  }
}
