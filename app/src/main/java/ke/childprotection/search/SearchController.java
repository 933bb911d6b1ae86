package ke.childprotection.search;

import ke.childprotection.engine.EngineOutbox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.Conflict;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import ke.childprotection.web.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sightings and "child located" reach the case's process as BPMN messages correlated by case number.
 * Each publish carries a message id, so a retried request is taken once by the engine.
 */
@RestController
@RequestMapping("/api/cases/{id}")
@Tag(name = "Search", description = "Sightings and the child being located")
class SearchController {
  record Sighting(@NotNull @PastOrPresent OffsetDateTime seenAt, @NotBlank @Size(max = 200) String place,
      @NotBlank @Size(max = 1000) String description, @Size(max = 64) String requestId) {}

  record Located(@NotNull @PastOrPresent OffsetDateTime locatedAt, @NotBlank @Size(max = 200) String place,
      @NotBlank @Pattern(regexp = "FOUND|RETURNED_HOME|MATCHED_FOUND_CHILD",
          message = "{validation.how}") String how,
      @Size(max = 1000) String circumstances) {}

  record Withdrawn(@NotBlank @Size(min = 5, max = 1000) String reason,
      @NotBlank @Size(max = 200) String withdrawnBy) {}

  record Accepted(String caseNumber, String message) {}

  private final CaseAccess access;
  private final CaseTimeline timeline;
  private final EngineOutbox outbox;
  private final Idempotency idempotency;
  private final AuditLog audit;
  private final Duration timeToLive;

  SearchController(CaseAccess access, CaseTimeline timeline, EngineOutbox outbox, AuditLog audit,
      @Value("${mcc.messages.time-to-live}") Duration timeToLive, Idempotency idempotency) {
    this.access = access;
    this.timeline = timeline;
    this.outbox = outbox;
    this.idempotency = idempotency;
    this.audit = audit;
    this.timeToLive = timeToLive;
  }

  @PostMapping("/sightings")
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  @Operation(summary = "Record a sighting of the missing child; the caseworker gets a follow-up task",
      description = "202. An Idempotency-Key header makes a retry return the first answer and record nothing twice.")
  ResponseEntity<?> sighting(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
      @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey, @Valid @RequestBody Sighting sighting) {
    return idempotency.once(user, idempotencyKey, "POST /api/cases/" + id + "/sightings", sighting,
        () -> ResponseEntity.accepted().body(recordSighting(user, id, sighting)));
  }

  private Accepted recordSighting(CurrentUser user, UUID id, Sighting sighting) {
    ChildCase childCase = open(user, id, "POST sighting");
    String summary = "seen at " + sighting.place() + " on " + sighting.seenAt() + ": " + sighting.description();
    String messageId = "sighting:" + id + ":" + (sighting.requestId() == null ? UUID.randomUUID() : sighting.requestId());
    timeline.record(id, CaseEvent.Kind.SIGHTING_REPORTED, null, "Sighting reported", user.username(), summary, messageId);
    outbox.publishMessage(id, "sighting-reported", childCase.getCaseNumber(), messageId, timeToLive,
        Map.of("lastSightingSummary", summary));
    return new Accepted(childCase.getCaseNumber(), "sighting-reported");
  }

  @PostMapping("/located")
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  @Operation(summary = "Report that the child has been located; identity verification follows",
      description = "202. An Idempotency-Key header makes a retry return the first answer.")
  ResponseEntity<?> located(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
      @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey, @Valid @RequestBody Located located) {
    return idempotency.once(user, idempotencyKey, "POST /api/cases/" + id + "/located", located,
        () -> ResponseEntity.accepted().body(recordLocated(user, id, located)));
  }

  private Accepted recordLocated(CurrentUser user, UUID id, Located located) {
    ChildCase childCase = open(user, id, "POST located");
    if (childCase.getStatus() == ChildCase.Status.LOCATED) {
      throw new Conflict("problem.alreadyLocated");
    }
    childCase.located(located.locatedAt());
    String summary = located.how().toLowerCase().replace('_', ' ') + " at " + located.place() + " on " + located.locatedAt();
    // A location whose identity check fails sends the search on; the next one is a new message.
    String messageId = "located:" + id + ":" + UUID.randomUUID();
    timeline.record(id, CaseEvent.Kind.CHILD_LOCATED, "Message_ChildLocated", "Child located", user.username(), summary, messageId);
    outbox.publishMessage(id, "child-located", childCase.getCaseNumber(), messageId, timeToLive,
        Map.of("locatedSummary", summary));
    return new Accepted(childCase.getCaseNumber(), "child-located");
  }

  @PostMapping("/withdrawn")
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  @Operation(summary = "Record that the report was withdrawn (made in error, or the child was never missing)",
      description = "202. Every open search and alert step ends, a published alert is withdrawn, and the caseworker is "
          + "asked to request closure. An Idempotency-Key header makes a retry return the first answer.")
  ResponseEntity<?> withdrawn(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
      @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey, @Valid @RequestBody Withdrawn withdrawn) {
    return idempotency.once(user, idempotencyKey, "POST /api/cases/" + id + "/withdrawn", withdrawn,
        () -> ResponseEntity.accepted().body(recordWithdrawn(user, id, withdrawn)));
  }

  private Accepted recordWithdrawn(CurrentUser user, UUID id, Withdrawn withdrawn) {
    ChildCase childCase = open(user, id, "POST withdrawn");
    if (childCase.getStatus() == ChildCase.Status.LOCATED) {
      throw new Conflict("problem.locatedGoesOn");
    }
    childCase.withdrawn(java.time.OffsetDateTime.now());
    String summary = "withdrawn by " + withdrawn.withdrawnBy() + ": " + withdrawn.reason();
    String messageId = "withdrawn:" + id;
    timeline.record(id, CaseEvent.Kind.REPORT_WITHDRAWN, "Message_ReportWithdrawn", "Report withdrawn", user.username(), summary, messageId);
    outbox.publishMessage(id, "report-withdrawn", childCase.getCaseNumber(), messageId, timeToLive,
        Map.of("withdrawalSummary", summary, "searchOutcome", "WITHDRAWN"));
    return new Accepted(childCase.getCaseNumber(), "report-withdrawn");
  }

  private ChildCase open(CurrentUser user, UUID id, String purpose) {
    ChildCase childCase = access.read(user, id, purpose);
    if (childCase.getStatus() == ChildCase.Status.CLOSED) {
      throw new Conflict("problem.caseClosed");
    }
    if (childCase.getWithdrawnAt() != null) {
      throw new Conflict("problem.reportWithdrawn");
    }
    audit.change(user.username(), id, purpose);
    return childCase;
  }

}
