package ke.childprotection.security;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Locale;
import ke.childprotection.support.Languages;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Which language a request is answered in: the signed-in user's choice (remembered in their account,
 * so it follows them to another phone), else the choice made on this device before signing in (a
 * cookie), else the browser's languages ({@code Accept-Language: sw-KE} → Kiswahili), else English.
 * The session keeps the answer so that a page costs no extra query.
 */
@Component(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
class UserLanguage implements LocaleResolver {
  static final String COOKIE = "mcc-lang";
  private static final String SESSION = UserLanguage.class.getName();

  private final AppUserRepository users;
  private final TransactionTemplate transactions;

  UserLanguage(AppUserRepository users, TransactionTemplate transactions) {
    this.users = users;
    this.transactions = transactions;
  }

  @Override
  public Locale resolveLocale(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SESSION) instanceof Locale chosen) {
      return chosen;
    }
    CurrentUser user = signedIn();
    Locale saved = user == null ? null
        : Languages.of(users.findById(user.username()).map(AppUser::getLanguage).orElse(null));
    Locale locale = saved != null ? saved : fromDevice(request);
    if (user != null && session != null) {
      session.setAttribute(SESSION, locale);
    }
    return locale;
  }

  @Override
  public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale wanted) {
    Locale locale = Languages.of(wanted == null ? null : wanted.toLanguageTag());
    if (locale == null) {
      throw new IllegalArgumentException("unsupported language");
    }
    CurrentUser user = signedIn();
    if (user != null) {
      transactions.executeWithoutResult(tx -> users.findById(user.username())
          .ifPresent(u -> u.setLanguage(locale.getLanguage())));
      request.getSession().setAttribute(SESSION, locale);
    }
    Cookie cookie = new Cookie(COOKIE, locale.getLanguage());
    cookie.setPath("/");
    cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
    cookie.setHttpOnly(true);
    cookie.setSecure(request.isSecure());
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
  }

  private static Locale fromDevice(HttpServletRequest request) {
    if (request.getCookies() != null) {
      for (Cookie cookie : request.getCookies()) {
        Locale chosen = COOKIE.equals(cookie.getName()) ? Languages.of(cookie.getValue()) : null;
        if (chosen != null) {
          return chosen;
        }
      }
    }
    return request.getHeader("Accept-Language") == null ? Languages.ENGLISH : Languages.preferred(request.getLocales());
  }

  private static CurrentUser signedIn() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof CurrentUser user ? user : null;
  }
}
