package ke.childprotection.security;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page's header knows who is signed in (their name, and the menu their role may use); null on the sign-in page. */
@ControllerAdvice(annotations = Controller.class)
class SignedInUser {
  @ModelAttribute("user")
  CurrentUser user(@AuthenticationPrincipal CurrentUser user) {
    return user;
  }
}
