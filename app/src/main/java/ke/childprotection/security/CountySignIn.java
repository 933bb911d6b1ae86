package ke.childprotection.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import ke.childprotection.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sign-in through the county's identity provider (OpenID Connect), when one is configured
 * ({@code spring.security.oauth2.client.registration.county.*}): the provider says who the person is
 * and, in its claims, their role and county ({@code mcc.oidc.*-claim}). The person is kept as a user of
 * this system (made or updated at each sign-in, no password of their own here), so that everything
 * they do is recorded under their name; a user disabled here stays out, and a role the system does not
 * know is refused. Audited.
 */
@Component
public class CountySignIn implements AuthenticationSuccessHandler {
  private static final Logger log = LoggerFactory.getLogger(CountySignIn.class);

  private final AppUserRepository users;
  private final PasswordEncoder encoder;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final String usernameClaim;
  private final String roleClaim;
  private final String countyClaim;
  private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final SecureRandom random = new SecureRandom();

  CountySignIn(AppUserRepository users, PasswordEncoder encoder, TransactionTemplate tx, AuditLog audit,
      @Value("${mcc.oidc.username-claim}") String usernameClaim, @Value("${mcc.oidc.role-claim}") String roleClaim,
      @Value("${mcc.oidc.county-claim}") String countyClaim) {
    this.users = users;
    this.encoder = encoder;
    this.tx = tx;
    this.audit = audit;
    this.usernameClaim = usernameClaim;
    this.roleClaim = roleClaim;
    this.countyClaim = countyClaim;
  }

  @Override
  public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    if (!(authentication.getPrincipal() instanceof OidcUser person)) {
      refuse(request, response, "not an OpenID Connect sign-in");
      return;
    }
    Map<String, Object> claims = person.getClaims();
    String username = String.valueOf(claims.getOrDefault(usernameClaim, person.getSubject())).toLowerCase();
    Role role;
    try {
      role = Role.ofGroup(String.valueOf(claims.get(roleClaim)));
    } catch (IllegalArgumentException unknown) {
      refuse(request, response, "the provider gave no known role");
      return;
    }
    Object countyValue = claims.get(countyClaim);
    String county = countyValue == null || String.valueOf(countyValue).isBlank() ? null : String.valueOf(countyValue);
    boolean countyRole = role == Role.CASEWORKER || role == Role.SUPERVISOR || role == Role.GATEKEEPING_PANEL;
    if (!username.matches("[a-z0-9][a-z0-9._@-]{2,63}") || countyRole != (county != null) || (county != null && !county.matches("\\d{3}"))) {
      refuse(request, response, "the provider's claims do not fit a user of this system");
      return;
    }
    String fullName = String.valueOf(claims.getOrDefault("name", username));
    AppUser user = tx.execute(status -> {
      AppUser known = users.findById(username).orElse(null);
      if (known == null) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        known = users.save(new AppUser(username, encoder.encode(Base64.getEncoder().encodeToString(secret)), fullName, role, county));
      } else if (known.isEnabled()) {
        known.change(fullName, role, county, true);
      }
      if (known.isEnabled()) {
        audit.change(username, null, "signed in through the county's identity provider (" + role.group()
            + (county == null ? "" : ", county " + county) + ") from " + request.getRemoteAddr());
      }
      return known;
    });
    if (!user.isEnabled()) {
      refuse(request, response, "the user is disabled here");
      return;
    }
    CurrentUser current = CurrentUser.of(user);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(current, null, current.getAuthorities()));
    SecurityContextHolder.setContext(context);
    request.changeSessionId();
    contexts.saveContext(context, request, response);
    response.sendRedirect(request.getContextPath() + "/");
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String why) throws IOException {
    log.warn("Sign-in through the identity provider refused: {}", why);
    SecurityContextHolder.clearContext();
    if (request.getSession(false) != null) {
      request.getSession(false).invalidate();
    }
    response.sendRedirect(request.getContextPath() + "/login?provider-refused");
  }
}
