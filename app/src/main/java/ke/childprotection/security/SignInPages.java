package ke.childprotection.security;

import java.util.List;
import java.util.stream.StreamSupport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, and each role's first page after it. */
@Controller
class SignInPages {
  private final ObjectProvider<ClientRegistrationRepository> providers;

  SignInPages(ObjectProvider<ClientRegistrationRepository> providers) {
    this.providers = providers;
  }

  @GetMapping("/login")
  String login(Model model) {
    // the county's identity provider, when one is configured
    model.addAttribute("providers", providers.getIfAvailable() instanceof Iterable<?> registrations
        ? StreamSupport.stream(registrations.spliterator(), false).map(r -> (ClientRegistration) r).toList()
        : List.of());
    return "login";
  }

  /** The administrator has no tasks and sees no child's record, so starts at the engine's health. */
  @GetMapping("/")
  String home(@AuthenticationPrincipal CurrentUser user) {
    return user != null && user.role() == Role.ADMIN ? "redirect:/admin/problems" : "redirect:/tasks";
  }
}
