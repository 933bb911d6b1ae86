package ke.childprotection.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user: a role (= candidate group) and, for county staff, a county. */
public record CurrentUser(String username, String passwordHash, String fullName, Role role, String countyCode,
    boolean enabled, boolean locked) implements UserDetails {

  public CurrentUser(String username, String passwordHash, String fullName, Role role, String countyCode, boolean enabled) {
    this(username, passwordHash, fullName, role, countyCode, enabled, false);
  }

  static CurrentUser of(AppUser user) {
    return new CurrentUser(user.getUsername(), user.getPasswordHash(), user.getFullName(), user.getRole(),
        user.getCountyCode(), user.isEnabled(), user.isLocked(java.time.OffsetDateTime.now()));
  }

  /** County staff see their own county only; a user without a county sees no county's cases. */
  public boolean worksIn(String county) {
    return countyCode != null && countyCode.equals(county)
        && (role == Role.CASEWORKER || role == Role.SUPERVISOR || role == Role.GATEKEEPING_PANEL);
  }

  /** The Counter-Trafficking Secretariat: escalated cases nationwide, and nothing else. */
  public boolean isSecretariat() {
    return role == Role.CTIP_SECRETARIAT;
  }

  /** Whether the role records things on a child's case (documents, corrections) beyond completing its own tasks. */
  public boolean mayChangeCases() {
    return role == Role.CASEWORKER || role == Role.SUPERVISOR || role == Role.CTIP_SECRETARIAT;
  }

  public boolean inGroup(Collection<String> candidateGroups) {
    return candidateGroups.contains(role.group());
  }

  @Override public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
  }
  @Override public String getPassword() { return passwordHash; }
  @Override public String getUsername() { return username; }
  @Override public boolean isEnabled() { return enabled; }
  /** Locked after too many wrong passwords in a row (until a time, or until lifted). */
  @Override public boolean isAccountNonLocked() { return !locked; }
}
