package ke.childprotection.partner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.intake.CaseIntake;
import ke.childprotection.intake.FoundChildReport;
import ke.childprotection.intake.MissingChildReport;
import ke.childprotection.support.NotFound;
import ke.childprotection.web.Idempotency;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports from partner systems: the 116 helpline, police stations, partner organisations. The same
 * report, validation, idempotency and process as the pages and the staff API; the partner is named as
 * the one who reported (partner:&lt;id&gt;). The answer is a receipt: what the partner needs to tell the
 * caller (the case number, and later whether the child was found), nothing more of the case.
 */
@RestController
@RequestMapping("/api/partner/reports")
@Tag(name = "Partner intake", description = "For partner systems with a key (Authorization: Bearer mcc_<id>.<secret>)")
class PartnerIntakeController {
  private final CaseIntake intake;
  private final Idempotency idempotency;
  private final JdbcClient db;
  private final AuditLog audit;

  PartnerIntakeController(CaseIntake intake, Idempotency idempotency, JdbcClient db, AuditLog audit) {
    this.intake = intake;
    this.idempotency = idempotency;
    this.db = db;
    this.audit = audit;
  }

  /** What a partner is told of a case it reported. */
  record Receipt(String caseNumber, String caseType, String status, String countyCode, OffsetDateTime reportedAt,
      boolean reporterSms, OffsetDateTime locatedAt, OffsetDateTime closedAt) {
    static Receipt of(ChildCase c) {
      return new Receipt(c.getCaseNumber(), c.getCaseType().name(), c.getStatus().name(), c.getCountyCode(), c.getReportedAt(),
          c.isNotifyReporter(), c.getLocatedAt(), c.getClosedAt());
    }
  }

  @PostMapping("/missing")
  @Operation(summary = "Report a missing child (scope report:missing)",
      description = "The body of POST /api/cases. Send an Idempotency-Key header and retry with the same key until an answer "
          + "arrives: a repeat returns the first answer, never a second case. A key limited to a county reports in that county only.")
  ResponseEntity<?> missing(@AuthenticationPrincipal PartnerSecurity.PartnerPrincipal principal,
      @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody MissingChildReport report) {
    PartnerClients.Partner partner = principal.partner();
    return idempotency.once(partner.actor(), idempotencyKey, "POST /api/partner/reports/missing", report,
        () -> receipt(intake.report(reporter(partner), report)));
  }

  @PostMapping("/found")
  @Operation(summary = "Register a found child (scope report:found)",
      description = "The body of POST /api/cases/found; idempotent with an Idempotency-Key header, as reports of missing children.")
  ResponseEntity<?> found(@AuthenticationPrincipal PartnerSecurity.PartnerPrincipal principal,
      @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody FoundChildReport report) {
    PartnerClients.Partner partner = principal.partner();
    return idempotency.once(partner.actor(), idempotencyKey, "POST /api/partner/reports/found", report,
        () -> receipt(intake.registerFound(reporter(partner), report)));
  }

  @GetMapping("/{caseNumber}")
  @Operation(summary = "Where a case this partner reported stands (scope report:status)",
      description = "Its status, and when the child was located and the case closed. Another partner's case or a user's is not found (404).")
  Receipt status(@AuthenticationPrincipal PartnerSecurity.PartnerPrincipal principal, @PathVariable String caseNumber) {
    String actor = principal.partner().actor();
    record Row(UUID id, Receipt receipt) {}
    Row row = db.sql("""
        select id, case_number, case_type, status, county_code, reported_at, notify_reporter, located_at, closed_at
        from child_case where case_number = :number and reported_by = :actor""")
        .param("number", caseNumber).param("actor", actor)
        .query((rs, n) -> new Row(rs.getObject(1, UUID.class), new Receipt(rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getObject(6, OffsetDateTime.class), rs.getBoolean(7), rs.getObject(8, OffsetDateTime.class),
            rs.getObject(9, OffsetDateTime.class))))
        .optional().orElseThrow(() -> new NotFound("problem.partner.noSuchReport", caseNumber));
    audit.read(actor, row.id(), "partner: status of its report");
    return row.receipt();
  }

  private static CaseIntake.Reporter reporter(PartnerClients.Partner partner) {
    return new CaseIntake.Reporter(partner.actor(), partner::mayReportIn);
  }

  private static ResponseEntity<?> receipt(ChildCase created) {
    return ResponseEntity.created(URI.create("/api/partner/reports/" + created.getCaseNumber())).body(Receipt.of(created));
  }
}
