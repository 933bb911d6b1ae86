package ke.childprotection.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import ke.childprotection.security.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/reports")
@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
@Tag(name = "Reports", description = "Outcome figures, their cases, and the monthly / quarterly reports (CSV, PDF)")
class OutcomeReportController {
  private final OutcomeFigures figures;
  private final CountyReport reports;

  private final ke.childprotection.audit.AuditLog audit;

  OutcomeReportController(OutcomeFigures figures, CountyReport reports, ke.childprotection.audit.AuditLog audit) {
    this.audit = audit;
    this.figures = figures;
    this.reports = reports;
  }

  @GetMapping("/outcomes")
  @Operation(summary = "Outcome figures of a period (period=2026-11 or 2026-Q4, or from/to dates), optionally by a dimension")
  OutcomeFigures.Figures outcomes(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String county, @RequestParam(required = false) String subCounty,
      @RequestParam(required = false) String sex, @RequestParam(required = false) String ageBand,
      @RequestParam(required = false) OutcomeFigures.Dimension by) {
    return figures.figures(figures.period(period, from, to),
        OutcomeFigures.Filter.of(DashboardScope.of(user, county), subCounty, sex, ageBand), by);
  }

  @GetMapping("/outcomes/cases")
  @Operation(summary = "The cases behind one figure (same filters): the list matches the number")
  List<OutcomeFigures.CaseRow> cases(@AuthenticationPrincipal CurrentUser user, @RequestParam OutcomeFigures.Measure measure,
      @RequestParam(required = false) String period,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String county, @RequestParam(required = false) String subCounty,
      @RequestParam(required = false) String sex, @RequestParam(required = false) String ageBand) {
    return figures.cases(user, measure, figures.period(period, from, to),
        OutcomeFigures.Filter.of(DashboardScope.of(user, county), subCounty, sex, ageBand));
  }

  @GetMapping("/county-report.csv")
  @Operation(summary = "The monthly county report (period=2026-11) or quarterly AAC summary (period=2026-Q4) as CSV")
  ResponseEntity<byte[]> csv(@AuthenticationPrincipal CurrentUser user, @RequestParam String period,
      @RequestParam(required = false) String county) {
    CountyReport.Report report = reports.build(figures.period(period, null, null), DashboardScope.of(user, county));
    audit.read(user.username(), null, "exported " + name(period, county, "csv") + " (figures, no child named)");
    return download(reports.csv(report).getBytes(StandardCharsets.UTF_8), "text/csv", name(period, county, "csv"));
  }

  @GetMapping("/county-report.pdf")
  @Operation(summary = "The same report as PDF")
  ResponseEntity<byte[]> pdf(@AuthenticationPrincipal CurrentUser user, @RequestParam String period,
      @RequestParam(required = false) String county) {
    CountyReport.Report report = reports.build(figures.period(period, null, null), DashboardScope.of(user, county));
    audit.read(user.username(), null, "exported " + name(period, county, "pdf") + " (figures, no child named)");
    return download(reports.pdf(report), MediaType.APPLICATION_PDF_VALUE, name(period, county, "pdf"));
  }

  private static String name(String period, String county, String extension) {
    return "county-report-" + (county == null ? "all" : county) + "-" + period + "." + extension;
  }

  private static ResponseEntity<byte[]> download(byte[] body, String type, String fileName) {
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(type))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
        .body(body);
  }
}
