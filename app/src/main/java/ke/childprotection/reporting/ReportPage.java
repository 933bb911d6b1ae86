package ke.childprotection.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ke.childprotection.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Outcome figures as a page: totals, a chart and a table by a dimension, each number a link to its cases. */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
class ReportPage {
  private final OutcomeFigures figures;
  private final ObjectMapper json;

  ReportPage(OutcomeFigures figures, ObjectMapper json) {
    this.figures = figures;
    this.json = json;
  }

  @GetMapping("/reports")
  String outcomes(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String period,
      @RequestParam(required = false) String county, @RequestParam(defaultValue = "SUB_COUNTY") OutcomeFigures.Dimension by,
      Model model) throws JsonProcessingException {
    DashboardScope scope = DashboardScope.of(user, county);
    OutcomeFigures.Period range = range(period, model);
    OutcomeFigures.Figures result = figures.figures(range, OutcomeFigures.Filter.of(scope, null, null, null), by);
    model.addAttribute("figures", result);
    model.addAttribute("county", scope.county());
    model.addAttribute("national", user.countyCode() == null);
    model.addAttribute("by", by.name());
    model.addAttribute("dimensions", OutcomeFigures.Dimension.values());
    model.addAttribute("measures", OutcomeFigures.Measure.values());
    model.addAttribute("chartData", json.writeValueAsString(result.groups()));
    return "reports";
  }

  /**
   * The chosen period (this month when none), put on the model as {@code period}. One the page does not
   * know (typed into the address: "December") is said plainly, and this month shown instead.
   */
  private OutcomeFigures.Period range(String period, Model model) {
    String chosen = period == null || period.isBlank() ? java.time.YearMonth.now().toString() : period;
    try {
      OutcomeFigures.Period range = figures.period(chosen, null, null);
      model.addAttribute("period", chosen);
      return range;
    } catch (ke.childprotection.support.InvalidInput unknown) {
      model.addAttribute("periodProblem", "“" + chosen + "” is not a period this page knows: choose one from the list.");
      String thisMonth = java.time.YearMonth.now().toString();
      model.addAttribute("period", thisMonth);
      return figures.period(thisMonth, null, null);
    }
  }

  @GetMapping("/reports/cases")
  String cases(@AuthenticationPrincipal CurrentUser user, @RequestParam OutcomeFigures.Measure measure,
      @RequestParam(required = false) String period, @RequestParam(required = false) String county,
      @RequestParam(required = false) String subCounty, @RequestParam(required = false) String sex,
      @RequestParam(required = false) String ageBand, Model model) {
    DashboardScope scope = DashboardScope.of(user, county);
    model.addAttribute("measure", measure);
    model.addAttribute("rows", figures.cases(user, measure, range(period, model),
        OutcomeFigures.Filter.of(scope, subCounty, sex, ageBand)));
    return "report-cases";
  }
}
