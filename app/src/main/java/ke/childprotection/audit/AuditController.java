package ke.childprotection.audit;

import java.security.Principal;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;
import ke.childprotection.support.NotFound;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail for administrators: page, API, CSV export and the chain's verification. */
@org.springframework.web.bind.annotation.RestController
@PreAuthorize("hasRole('ADMIN')")
class AuditController {
  private final AuditTrail trail;
  private final AuditChain chain;

  AuditController(AuditTrail trail, AuditChain chain) {
    this.trail = trail;
    this.chain = chain;
  }

  private UUID caseOrNull(String caseRef) {
    UUID caseId = trail.caseOf(caseRef);
    if (caseRef != null && !caseRef.isBlank() && caseId == null) {
      throw new NotFound("problem.notFound.caseRef", caseRef);
    }
    return caseId;
  }

  @Operation(summary = "Audit entries of a case (number or id) and/or a user, newest first: who saw or changed what, when, why")
  @GetMapping(value = "/api/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
  List<AuditTrail.Entry> entries(Principal admin, @RequestParam(name = "case", required = false) String caseRef,
      @RequestParam(required = false) String user, @RequestParam(defaultValue = "500") int limit) {
    return trail.entries(admin.getName(), caseOrNull(caseRef), user, limit);
  }

  @Operation(summary = "The same entries as CSV")
  @GetMapping(value = "/api/admin/audit.csv", produces = "text/csv")
  ResponseEntity<String> csv(Principal admin, @RequestParam(name = "case", required = false) String caseRef,
      @RequestParam(required = false) String user, @RequestParam(defaultValue = "10000") int limit) {
    String body = trail.csv(trail.entries(admin.getName(), caseOrNull(caseRef), user, limit));
    return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
        .contentType(new MediaType("text", "csv")).body(body);
  }

  @Operation(summary = "Verify the audit trail's hash chain from its first row")
  @GetMapping(value = "/api/admin/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
  AuditChain.Verification verify() {
    return chain.verify();
  }
}
