package ke.childprotection.trafficking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import ke.childprotection.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The Counter-Trafficking Secretariat's workspace in the API: its queue and dashboard. */
@RestController
@PreAuthorize("hasRole('CTIP_SECRETARIAT')")
@Tag(name = "Secretariat", description = "Escalated cases nationwide, for the Counter-Trafficking Secretariat only")
class SecretariatController {
  private final SecretariatQueue queue;

  SecretariatController(SecretariatQueue queue) {
    this.queue = queue;
  }

  @GetMapping("/api/secretariat/referrals")
  @Operation(summary = "Referrals nationwide: status, stage, age, county, next deadline")
  List<SecretariatQueue.Row> referrals(@AuthenticationPrincipal CurrentUser user) {
    return queue.queue(user);
  }

  @GetMapping("/api/secretariat/dashboard")
  @Operation(summary = "Open referrals by stage, overdue steps, victims identified, Trust Fund applications by outcome")
  SecretariatQueue.Dashboard dashboard() {
    return queue.dashboard();
  }
}
