package ke.childprotection.reporting;

import ke.childprotection.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The process view: each process drawn by bpmn-js with its open and overdue counts per step (dashboard.js). */
@Controller
@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
class DashboardPage {
  @GetMapping("/dashboard/process")
  String processView(@AuthenticationPrincipal CurrentUser user,
      @RequestParam(defaultValue = "missing-child-case") String process, @RequestParam(required = false) String county, Model model) {
    DashboardScope scope = DashboardScope.of(user, county);
    model.addAttribute("user", user);
    model.addAttribute("processes", ProcessHeatmap.PROCESSES);
    model.addAttribute("process", ProcessHeatmap.PROCESSES.contains(process) ? process : ProcessHeatmap.PROCESSES.get(0));
    model.addAttribute("county", scope.county());
    model.addAttribute("national", user.countyCode() == null);
    return "process-view";
  }
}
