package ke.childprotection.operations;

import io.swagger.v3.oas.annotations.Operation;
import java.time.OffsetDateTime;
import java.util.UUID;
import ke.childprotection.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The admin's API over what keeps cases from moving (see {@link EngineProblems}). */
@RestController
@RequestMapping("/api/admin")
@PreAuthorize("hasRole('ADMIN')")
class EngineProblemsController {
  private final EngineProblems problems;

  EngineProblemsController(EngineProblems problems) {
    this.problems = problems;
  }

  @Operation(summary = "Open incidents, stuck cases and engine commands not yet acknowledged (optionally of one county)")
  @GetMapping("/engine-problems")
  EngineProblems.Overview overview(@RequestParam(required = false) String county) {
    return problems.overview(county == null || county.isBlank() ? null : county, OffsetDateTime.now());
  }

  @Operation(summary = "Retry an incident: its job gets retries back and the incident is resolved; the step runs again")
  @PostMapping("/incidents/{key}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  EngineProblems.Incident retryIncident(@AuthenticationPrincipal CurrentUser user, @PathVariable long key) {
    return problems.retryIncident(user.username(), key);
  }

  @Operation(summary = "Retry a stuck case: a case without a process has it started")
  @PostMapping("/stuck-cases/{caseId}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  EngineProblems.StuckCase retryStuckCase(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID caseId) {
    return problems.retryStuckCase(user.username(), caseId, OffsetDateTime.now());
  }
}
