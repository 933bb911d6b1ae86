package ke.childprotection.matching;

import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.InvalidInput;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Finding a case (see {@link CaseFinder}). */
@RestController
class CaseFinderController {
  private final CaseFinder finder;

  CaseFinderController(CaseFinder finder) {
    this.finder = finder;
  }

  @Operation(summary = "Find cases by the child's name (spelling-tolerant) or case number, status, risk, sub-county, reporting dates; a page at a time")
  @GetMapping("/api/cases/search")
  CaseFinder.Page search(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
      @RequestParam(required = false) String status, @RequestParam(required = false) String risk,
      @RequestParam(required = false) String subCounty,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "25") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new InvalidInput("problem.invalidFields", java.util.List.of(
          new InvalidInput.Field(page < 0 ? "page" : "size", page < 0 ? "problem.field.zeroOrMore" : "problem.field.pageSize")));
    }
    return finder.find(user, new CaseFinder.Criteria(blank(q), blank(status), blank(risk), blank(subCounty), from, to), page, size);
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
