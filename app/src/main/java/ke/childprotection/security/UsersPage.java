package ke.childprotection.security;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The users page (users.js): administrators manage users; a supervisor lifts locks on the county's staff. */
@Controller
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
class UsersPage {
  private final UserAdministration users;

  UsersPage(UserAdministration users) {
    this.users = users;
  }

  @GetMapping("/admin/users")
  String page(@AuthenticationPrincipal CurrentUser user, Model model) {
    model.addAttribute("users", users.list(user));
    model.addAttribute("roles", Role.values());
    model.addAttribute("admin", user.role() == Role.ADMIN);
    return "users";
  }
}
