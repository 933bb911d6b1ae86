package ke.childprotection.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ke.childprotection.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows down password guessing. Per account: after {@code mcc.security.lockout-after} wrong passwords in
 * a row the account is locked for {@code mcc.security.lockout-duration} (an administrator, or the
 * county's supervisor for county staff, can lift it earlier). Per address: more than {@code
 * mcc.security.address-failures} failed sign-ins within {@code mcc.security.address-window} and the
 * address may not try again until the window has passed (429). Every failure is audited with the
 * address; a right password resets the account's count. (Behind a reverse proxy set
 * {@code server.forward-headers-strategy} so that the address is the client's.)
 */
@Component
public class SignInGuard extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(SignInGuard.class);

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final int lockoutAfter;
  private final Duration lockoutDuration;
  private final int addressFailures;
  private final Duration addressWindow;
  private final Map<String, Deque<Instant>> failuresByAddress = new ConcurrentHashMap<>();
  private final Clock clock = Clock.systemUTC();

  SignInGuard(JdbcClient db, TransactionTemplate tx, AuditLog audit,
      @Value("${mcc.security.lockout-after}") int lockoutAfter,
      @Value("${mcc.security.lockout-duration}") Duration lockoutDuration,
      @Value("${mcc.security.address-failures}") int addressFailures,
      @Value("${mcc.security.address-window}") Duration addressWindow) {
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.lockoutAfter = lockoutAfter;
    this.lockoutDuration = lockoutDuration;
    this.addressFailures = addressFailures;
    this.addressWindow = addressWindow;
  }

  /** Refuses a sign-in attempt (form or Basic) from an address that failed too often just now. */
  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean signingIn = ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()))
        || request.getHeader("Authorization") != null;
    Duration wait = signingIn ? blockedFor(request.getRemoteAddr()) : Duration.ZERO;
    if (wait.isZero()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds = Math.max(1, wait.toSeconds());
    response.setHeader("Retry-After", Long.toString(seconds));
    if (request.getServletPath().startsWith("/api/") || request.getHeader("Authorization") != null) {
      response.setStatus(429);
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Too many failed sign-ins\",\"status\":429,"
          + "\"detail\":\"Too many failed sign-ins from this address; try again in " + seconds + " seconds.\"}");
    } else {
      response.sendRedirect(request.getContextPath() + "/login?throttled");
    }
  }

  private Duration blockedFor(String address) {
    Deque<Instant> failures = failuresByAddress.get(address);
    if (failures == null) {
      return Duration.ZERO;
    }
    synchronized (failures) {
      Instant now = clock.instant();
      while (!failures.isEmpty() && failures.peekFirst().isBefore(now.minus(addressWindow))) {
        failures.pollFirst();
      }
      if (failures.size() < addressFailures) {
        return Duration.ZERO;
      }
      return Duration.between(now, failures.peekFirst().plus(addressWindow));
    }
  }

  @EventListener
  void failed(AbstractAuthenticationFailureEvent event) {
    String username = String.valueOf(event.getAuthentication().getName());
    String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";
    failuresByAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
    Deque<Instant> failures = failuresByAddress.get(address);
    synchronized (failures) {
      failures.addLast(clock.instant());
      while (failures.size() > addressFailures) {
        failures.pollFirst();
      }
    }
    boolean wrongPassword = event instanceof AuthenticationFailureBadCredentialsEvent;
    recordFailure(username.length() > 64 ? username.substring(0, 64) : username, address, reason(event), wrongPassword);
    log.info("Sign-in refused ({}) from {}", reason(event), address);
  }

  /** Counts a wrong password against the account (locking it at the limit) and audits the refusal. */
  void recordFailure(String account, String address, String reason, boolean wrongPassword) {
    tx.executeWithoutResult(status -> {
      String outcome = "";
      if (wrongPassword) {
        OffsetDateTime now = OffsetDateTime.now();
        record Account(int failed, OffsetDateTime lockedUntil) {}
        var found = db.sql("select failed_sign_ins, locked_until from app_user where username = :username for update")
            .param("username", account).query((rs, n) -> new Account(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)))
            .optional();
        if (found.isPresent()) {
          // a lock that has run out starts the count afresh
          boolean lockOver = found.get().lockedUntil() != null && !found.get().lockedUntil().isAfter(now);
          int failed = (lockOver ? 0 : found.get().failed()) + 1;
          boolean lock = failed >= lockoutAfter;
          db.sql("update app_user set failed_sign_ins = :failed, locked_until = case when :lock then :until end where username = :username")
              .param("failed", failed).param("lock", lock).param("until", now.plus(lockoutDuration)).param("username", account)
              .update();
          outcome = lock ? "; account locked" : "";
        }
      }
      audit.change(account, null, "sign-in refused (" + reason + ") from " + address + outcome);
    });
  }

  private static String reason(AbstractAuthenticationFailureEvent event) {
    return switch (event.getException().getClass().getSimpleName()) {
      case "BadCredentialsException" -> "wrong username or password";
      case "LockedException" -> "account locked";
      case "DisabledException" -> "account disabled";
      default -> "refused";
    };
  }

  @EventListener
  void succeeded(AuthenticationSuccessEvent event) {
    db.sql("update app_user set failed_sign_ins = 0 where username = :username and failed_sign_ins > 0")
        .param("username", event.getAuthentication().getName()).update();
  }

  @EventListener
  void signedIn(InteractiveAuthenticationSuccessEvent event) {
    String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";
    tx.executeWithoutResult(status -> audit.change(event.getAuthentication().getName(), null, "signed in from " + address));
  }
}
