package ke.childprotection.partner;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import ke.childprotection.support.TooManyRequests;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Each partner's requests per minute (its {@code requests_per_minute}), counted in the database so that
 * two app instances keep one limit. Over the limit, the answer is 429 with Retry-After (the seconds to
 * the next minute) and nothing is done.
 */
@Configuration
class PartnerRateLimit implements HandlerInterceptor, WebMvcConfigurer {
  private final JdbcClient db;
  private final TransactionTemplate tx;

  PartnerRateLimit(JdbcClient db, TransactionTemplate tx) {
    this.db = db;
    this.tx = tx;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/partner/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof PartnerSecurity.PartnerPrincipal principal) {
      PartnerClients.Partner partner = principal.partner();
      OffsetDateTime now = OffsetDateTime.now();
      OffsetDateTime window = now.truncatedTo(ChronoUnit.MINUTES);
      if (count(partner.id(), window) > partner.requestsPerMinute()) {
        throw new TooManyRequests(Duration.between(now, window.plusMinutes(1)), "problem.partner.tooMany", partner.requestsPerMinute());
      }
    }
    return true;
  }

  /** This request counted in the partner's minute; returns the minute's requests so far. */
  private int count(String partner, OffsetDateTime window) {
    Integer used = tx.execute(status -> {
      if (add(partner, window) == 0) {
        try {
          db.sql("insert into partner_rate (client_id, window_start, used) values (:id, :window, 1)")
              .param("id", partner).param("window", window).update();
          // the partner's earlier minutes are done with
          db.sql("delete from partner_rate where client_id = :id and window_start < :window").param("id", partner)
              .param("window", window).update();
        } catch (DuplicateKeyException anotherInstanceFirst) {
          status.setRollbackOnly();
          return null;
        }
      }
      return used(partner, window);
    });
    // another instance wrote the minute's row first: count this request on it
    return used != null ? used : tx.execute(status -> {
      add(partner, window);
      return used(partner, window);
    });
  }

  private int used(String partner, OffsetDateTime window) {
    return db.sql("select used from partner_rate where client_id = :id and window_start = :window")
        .param("id", partner).param("window", window).query(Integer.class).single();
  }

  private int add(String partner, OffsetDateTime window) {
    return db.sql("update partner_rate set used = used + 1 where client_id = :id and window_start = :window")
        .param("id", partner).param("window", window).update();
  }
}
