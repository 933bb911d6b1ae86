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
  private final Operations operations;
  private final ke.childprotection.security.AppUserRepository users;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  DashboardPage(Operations operations, ke.childprotection.security.AppUserRepository users,
      com.fasterxml.jackson.databind.ObjectMapper json) {
    this.operations = operations;
    this.users = users;
    this.json = json;
  }

  @GetMapping("/dashboard")
  String operations(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String county, Model model)
      throws com.fasterxml.jackson.core.JsonProcessingException {
    DashboardScope scope = DashboardScope.of(user, county);
    Operations.Dashboard dashboard = operations.dashboard(user, scope, 14);
    model.addAttribute("d", dashboard);
    model.addAttribute("county", scope.county());
    model.addAttribute("national", user.countyCode() == null);
    model.addAttribute("breaches", json.writeValueAsString(dashboard.breachesByDay()));
    // Whom a supervisor can give a waiting case to: the county's caseworkers.
    model.addAttribute("caseworkers", scope.county() == null ? java.util.List.of() : users.findAll().stream()
        .filter(u -> scope.county().equals(u.getCountyCode()) && u.getRole() == ke.childprotection.security.Role.CASEWORKER && u.isEnabled())
        .map(ke.childprotection.security.AppUser::getUsername).sorted().toList());
    return "operations";
  }

  @GetMapping("/dashboard/process")
  String processView(@AuthenticationPrincipal CurrentUser user,
      @RequestParam(defaultValue = "missing-child-case") String process, @RequestParam(required = false) String county, Model model) {
    DashboardScope scope = DashboardScope.of(user, county);
    model.addAttribute("processes", ProcessHeatmap.PROCESSES);
    model.addAttribute("process", ProcessHeatmap.PROCESSES.contains(process) ? process : ProcessHeatmap.PROCESSES.get(0));
    model.addAttribute("county", scope.county());
    model.addAttribute("national", user.countyCode() == null);
    return "process-view";
  }
}
