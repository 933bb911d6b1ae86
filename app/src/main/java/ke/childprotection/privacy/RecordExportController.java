package ke.childprotection.privacy;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.security.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A child's record on a lawful request, and the consents recorded for it. */
@RestController
class RecordExportController {
  private final RecordExport export;
  private final Consents consents;
  private final ke.childprotection.cases.CaseAccess access;

  RecordExportController(RecordExport export, Consents consents, ke.childprotection.cases.CaseAccess access) {
    this.export = export;
    this.consents = consents;
    this.access = access;
  }

  @Operation(summary = "Export a child's whole record on a lawful request (administrators; the county's supervisor), audited with the reason")
  @GetMapping("/api/cases/{id}/record-export")
  @PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
  ResponseEntity<?> export(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String reason,
      @RequestParam(defaultValue = "json") String format) {
    Map<String, Object> record = export.record(user, id, reason);
    String name = "record-" + ((ke.childprotection.cases.CaseView) record.get("case")).caseNumber();
    if ("pdf".equalsIgnoreCase(format)) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
          .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".pdf").build().toString())
          .body(export.pdf(record));
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name + ".json").build().toString())
        .body(record);
  }

  @Operation(summary = "Consent to tracing and publicity: every time it was given or withdrawn, by whom and when")
  @GetMapping("/api/cases/{id}/consents")
  List<Consents.Consent> consents(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
    return consents.of(access.read(user, id, "GET /api/cases/{id}/consents").getId());
  }
}
