package ke.childprotection.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Audits a request refused for lack of permission (403): who asked for what, and the case when the
 * path names one. The API's error handler and the pages' access-denied handler both call it.
 */
@Component
public class RefusedRequests {
  private static final Pattern CASE = Pattern.compile("/cases/([0-9a-fA-F-]{36})");

  private final AuditLog audit;

  RefusedRequests(AuditLog audit) {
    this.audit = audit;
  }

  public void record(HttpServletRequest request) {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    if (who == null || !who.isAuthenticated()) {
      return;
    }
    Matcher matcher = CASE.matcher(request.getRequestURI());
    UUID caseId = null;
    if (matcher.find()) {
      try {
        caseId = UUID.fromString(matcher.group(1));
      } catch (IllegalArgumentException notAnId) {
        caseId = null;
      }
    }
    String name = who.getName().length() > 64 ? who.getName().substring(0, 64) : who.getName();
    audit.refused(name, caseId, "refused: " + request.getMethod() + " " + request.getRequestURI());
  }
}
