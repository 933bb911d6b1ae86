package ke.childprotection.trafficking;

import ke.childprotection.engine.EngineOutbox;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.Conflict;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A trafficking concern raised on a case at any point: sent to the case's process, which screens it
 * with the same DMN and escalates (or adds to the open referral) when act and purpose are shown.
 */
@RestController
@Tag(name = "Cases")
class TraffickingConcernController {
  record Concern(boolean act, boolean means, boolean purpose, boolean crossBorder, @Size(max = 1000) String notes) {}

  private final CaseAccess access;
  private final CaseTimeline timeline;
  private final AuditLog audit;
  private final EngineOutbox outbox;
  private final Duration timeToLive;

  TraffickingConcernController(CaseAccess access, CaseTimeline timeline, AuditLog audit, EngineOutbox outbox,
      @org.springframework.beans.factory.annotation.Value("${mcc.messages.time-to-live}") Duration timeToLive) {
    this.timeToLive = timeToLive;
    this.access = access;
    this.timeline = timeline;
    this.audit = audit;
    this.outbox = outbox;
  }

  @PostMapping("/api/cases/{id}/trafficking-concern")
  @ResponseStatus(HttpStatus.ACCEPTED)
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  @Transactional
  @Operation(summary = "Raise a trafficking concern", description = "Palermo elements seen (act, means, purpose, border crossed); screened at once by the case's process.")
  Map<String, Object> raise(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @Valid @RequestBody Concern concern) {
    ChildCase childCase = access.read(user, id, "raise trafficking concern");
    if (!user.worksIn(childCase.getCountyCode())) {
      throw new AccessDeniedException("problem.concern.role");
    }
    if (childCase.getStatus() == ChildCase.Status.CLOSED) {
      throw new Conflict("problem.caseClosed");
    }
    List<String> seen = new ArrayList<>();
    if (concern.act()) seen.add("act");
    if (concern.means()) seen.add("means");
    if (concern.purpose()) seen.add("purpose");
    if (concern.crossBorder()) seen.add("border crossed");
    String detail = seen.isEmpty() ? "no Palermo element ticked" : String.join(", ", seen);
    // the notes are the case's data (on its timeline, withheld and anonymised with it), not the audit trail's
    audit.change(user.username(), id, "raised a trafficking concern (" + detail + ")");
    String notes = concern.notes() == null || concern.notes().isBlank() ? "" : ": " + concern.notes().trim();
    String withNotes = detail + notes;
    timeline.record(id, CaseEvent.Kind.TRAFFICKING_CONCERN, null, "Trafficking concern raised", user.username(),
        withNotes.length() > 1000 ? withNotes.substring(0, 999) + "…" : withNotes, null);
    String messageId = "trafficking-concern:" + UUID.randomUUID();
    outbox.publishMessage(id, "trafficking-concern", childCase.getCaseNumber(), messageId, timeToLive,
        Map.of("screenActRecruitedOrMoved", concern.act(), "screenMeansDeceptionOrForce", concern.means(),
            "screenPurposeExploitation", concern.purpose(), "screenCrossBorder", concern.crossBorder()));
    return Map.of("status", "screening", "elements", seen);
  }
}
