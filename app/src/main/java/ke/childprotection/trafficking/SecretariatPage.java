package ke.childprotection.trafficking;

import ke.childprotection.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Counter-Trafficking Secretariat's workspace page: dashboard and queue. */
@Controller
@PreAuthorize("hasRole('CTIP_SECRETARIAT')")
class SecretariatPage {
  private final SecretariatQueue queue;

  SecretariatPage(SecretariatQueue queue) {
    this.queue = queue;
  }

  @GetMapping("/secretariat")
  String page(@AuthenticationPrincipal CurrentUser user, Model model) {
    model.addAttribute("rows", queue.queue(user));
    model.addAttribute("dashboard", queue.dashboard());
    return "secretariat";
  }
}
