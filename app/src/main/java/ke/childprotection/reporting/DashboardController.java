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
@RequestMapping("/api/dashboard/processes")
@PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
@Tag(name = "Dashboards", description = "Supervisors see their county; national staff every county, or one by filter")
class DashboardController {
  private final ProcessHeatmap heatmap;

  DashboardController(ProcessHeatmap heatmap) {
    this.heatmap = heatmap;
  }

  @GetMapping
  List<String> processes() {
    return ProcessHeatmap.PROCESSES;
  }

  @GetMapping(value = "/{processId}/diagram", produces = MediaType.APPLICATION_XML_VALUE)
  @Operation(summary = "The process's BPMN diagram (XML), as deployed")
  String diagram(@PathVariable String processId) {
    return heatmap.diagram(processId);
  }

  @GetMapping("/{processId}/steps")
  @Operation(summary = "Open tasks waiting at each step, and how many are overdue")
  List<ProcessHeatmap.Step> steps(@AuthenticationPrincipal CurrentUser user, @PathVariable String processId,
      @RequestParam(required = false) String county) {
    return heatmap.steps(processId, DashboardScope.of(user, county));
  }

  @GetMapping("/{processId}/steps/{elementId}/cases")
  @Operation(summary = "The cases waiting at one step: the rows behind its count")
  List<ProcessHeatmap.WaitingCase> waiting(@AuthenticationPrincipal CurrentUser user, @PathVariable String processId,
      @PathVariable String elementId, @RequestParam(required = false) String county) {
    return heatmap.waitingAt(user, processId, elementId, DashboardScope.of(user, county));
  }
}
