package ke.childprotection.security;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Users, their role and county (see {@link UserAdministration}). */
@RestController
@RequestMapping("/api/users")
@PreAuthorize("hasAnyRole('ADMIN','SUPERVISOR')")
class UsersController {
  private final UserAdministration users;

  UsersController(UserAdministration users) {
    this.users = users;
  }

  @Operation(summary = "Users (an administrator: all; a supervisor: the county's staff)")
  @GetMapping
  List<UserAdministration.UserView> list(@AuthenticationPrincipal CurrentUser actor) {
    return users.list(actor);
  }

  @Operation(summary = "Create a user (administrators)")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  UserAdministration.UserView create(@AuthenticationPrincipal CurrentUser actor, @Valid @RequestBody UserAdministration.NewUser user) {
    return users.create(actor, user);
  }

  @Operation(summary = "Change a user's name, role, county or whether it may sign in (administrators)")
  @PutMapping("/{username}")
  UserAdministration.UserView change(@AuthenticationPrincipal CurrentUser actor, @PathVariable String username,
      @Valid @RequestBody UserAdministration.UserChange change) {
    return users.change(actor, username, change);
  }

  @Operation(summary = "Set a user's password (administrators); lifts a lock")
  @PostMapping("/{username}/password")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void password(@AuthenticationPrincipal CurrentUser actor, @PathVariable String username,
      @Valid @RequestBody UserAdministration.NewPassword password) {
    users.setPassword(actor, username, password);
  }

  @Operation(summary = "Lift a sign-in lock (administrators; a supervisor for the county's staff)")
  @PostMapping("/{username}/unlock")
  UserAdministration.UserView unlock(@AuthenticationPrincipal CurrentUser actor, @PathVariable String username) {
    return users.unlock(actor, username);
  }
}
