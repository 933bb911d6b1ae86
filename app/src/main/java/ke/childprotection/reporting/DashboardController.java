package ke.childprotection.reporting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import ke.childprotection.security.CurrentUser;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/dashboard")
@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
@Tag(name = "Dashboards", description = "Supervisors see their county; national staff every county, or one by filter")
class DashboardController {
  private final ProcessHeatmap heatmap;
  private final Operations operations;

  DashboardController(ProcessHeatmap heatmap, Operations operations) {
    this.heatmap = heatmap;
    this.operations = operations;
  }

  @GetMapping("/operations")
  @Operation(summary = "Waiting for assignment by risk and SLA, overdue by step and caseworker, workload, SLA breaches per day, escalations")
  Operations.Dashboard operations(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String county,
      @RequestParam(defaultValue = "14") int days) {
    return operations.dashboard(user, DashboardScope.of(user, county), Math.max(1, Math.min(days, 90)));
  }

  @GetMapping("/processes")
  List<String> processes() {
    return ProcessHeatmap.PROCESSES;
  }

  @GetMapping(value = "/processes/{processId}/diagram", produces = MediaType.APPLICATION_XML_VALUE)
  @Operation(summary = "The process's BPMN diagram (XML), as deployed")
  String diagram(@PathVariable String processId) {
    return heatmap.diagram(processId);
  }

  @GetMapping("/processes/{processId}/steps")
  @Operation(summary = "Open tasks waiting at each step, and how many are overdue")
  List<ProcessHeatmap.Step> steps(@AuthenticationPrincipal CurrentUser user, @PathVariable String processId,
      @RequestParam(required = false) String county) {
    return heatmap.steps(processId, DashboardScope.of(user, county));
  }

  @GetMapping("/processes/{processId}/steps/{elementId}/cases")
  @Operation(summary = "The cases waiting at one step: the rows behind its count")
  List<ProcessHeatmap.WaitingCase> waiting(@AuthenticationPrincipal CurrentUser user, @PathVariable String processId,
      @PathVariable String elementId, @RequestParam(required = false) String county) {
    return heatmap.waitingAt(user, processId, elementId, DashboardScope.of(user, county));
  }
}
