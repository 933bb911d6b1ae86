package ke.childprotection.reporting;

import ke.childprotection.security.CurrentUser;
import ke.childprotection.security.Role;
import org.springframework.security.access.AccessDeniedException;

/**
 * Whose figures a user may see: a supervisor their own county's, a national role (admin) every
 * county's or one county's by filter. {@code county} null means all counties.
 */
record DashboardScope(String county) {
  static DashboardScope of(CurrentUser user, String requestedCounty) {
    String requested = requestedCounty == null || requestedCounty.isBlank() ? null : requestedCounty;
    if (user.role() == Role.SUPERVISOR) {
      if (requested != null && !requested.equals(user.countyCode())) {
        throw new AccessDeniedException("problem.dashboard.ownCounty");
      }
      return new DashboardScope(user.countyCode());
    }
    if (user.role() == Role.ADMIN) {
      return new DashboardScope(requested);
    }
    throw new AccessDeniedException("problem.dashboard.role");
  }
}
