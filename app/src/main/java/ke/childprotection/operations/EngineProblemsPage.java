package ke.childprotection.operations;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import ke.childprotection.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The admin's page of incidents, stuck cases and unacknowledged engine commands, with retry (problems.js). */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class EngineProblemsPage {
  private final EngineProblems problems;
  private final ZoneId zone;

  EngineProblemsPage(EngineProblems problems, @Value("${mcc.display-time-zone:Africa/Nairobi}") String zone) {
    this.problems = problems;
    this.zone = ZoneId.of(zone);
  }

  @GetMapping("/admin/problems")
  String page(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String county, Model model) {
    String scope = county == null || county.isBlank() ? null : county;
    model.addAttribute("county", scope);
    model.addAttribute("zone", zone);
    model.addAttribute("p", problems.overview(scope, OffsetDateTime.now()));
    model.addAttribute("unavailable", problems.unavailableReason().orElse(null));
    return "problems";
  }
}
