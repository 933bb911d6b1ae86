package ke.childprotection.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ke.childprotection.support.Languages;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The language switch in every page's header (also on the sign-in page): back to the same page, in the other language. */
@Controller
class LanguageChoice {
  private final UserLanguage languages;

  LanguageChoice(UserLanguage languages) {
    this.languages = languages;
  }

  /** Back to {@code back}, or else to the page the switch was pressed on (its Referer: path and query only). */
  @PostMapping("/language")
  String choose(@RequestParam String lang, @RequestParam(required = false) String back,
      @org.springframework.web.bind.annotation.RequestHeader(name = "Referer", required = false) String referer,
      HttpServletRequest request, HttpServletResponse response) {
    java.util.Locale locale = Languages.of(lang);
    if (locale != null) {
      languages.setLocale(request, response, locale);
    }
    if (back == null && referer != null) {
      try {
        java.net.URI page = java.net.URI.create(referer);
        back = page.getRawPath() + (page.getRawQuery() == null ? "" : "?" + page.getRawQuery());
      } catch (IllegalArgumentException e) {
        back = null;
      }
    }
    // only a page of this site: never an open redirect
    boolean local = back != null && back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\")
        && !back.contains("\r") && !back.contains("\n");
    return "redirect:" + (local ? back : "/");
  }
}
