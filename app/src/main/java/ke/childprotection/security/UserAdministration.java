package ke.childprotection.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.support.Conflict;
import ke.childprotection.support.InvalidInput;
import ke.childprotection.support.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may sign in, with which role and county: managed by administrators (every change audited);
 * county supervisors see their county's staff and may lift a lock on them. Passwords: at least
 * {@link #MIN_PASSWORD} characters, stored as bcrypt hashes.
 */
@Service
public class UserAdministration {
  static final int MIN_PASSWORD = 12;

  public record UserView(String username, String fullName, Role role, String countyCode, boolean enabled, boolean locked,
      OffsetDateTime lockedUntil, int failedSignIns) {
    static UserView of(AppUser u, OffsetDateTime now) {
      return new UserView(u.getUsername(), u.getFullName(), u.getRole(), u.getCountyCode(), u.isEnabled(), u.isLocked(now),
          u.isLocked(now) ? u.getLockedUntil() : null, u.getFailedSignIns());
    }
  }

  public record NewUser(
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "{validation.username}") String username,
      @NotBlank @Size(max = 120) String fullName,
      @NotNull Role role,
      @Pattern(regexp = "\\d{3}", message = "{validation.countyCode}") String countyCode,
      @NotNull @Size(min = MIN_PASSWORD, max = 128, message = "{validation.password}") String password) {}

  public record UserChange(@NotBlank @Size(max = 120) String fullName, @NotNull Role role,
      @Pattern(regexp = "\\d{3}", message = "{validation.countyCode}") String countyCode, boolean enabled) {}

  public record NewPassword(@NotNull @Size(min = MIN_PASSWORD, max = 128, message = "{validation.password}") String password) {}

  private final AppUserRepository users;
  private final PasswordEncoder encoder;
  private final AuditLog audit;
  private final JdbcClient db;
  private final ke.childprotection.support.Counties counties;

  UserAdministration(AppUserRepository users, PasswordEncoder encoder, AuditLog audit, JdbcClient db,
      ke.childprotection.support.Counties counties) {
    this.counties = counties;
    this.users = users;
    this.encoder = encoder;
    this.audit = audit;
    this.db = db;
  }

  @Transactional(readOnly = true)
  public List<UserView> list(CurrentUser actor) {
    OffsetDateTime now = OffsetDateTime.now();
    return users.findAll().stream()
        .filter(u -> actor.role() == Role.ADMIN || (actor.role() == Role.SUPERVISOR && supervises(actor, u)))
        .sorted(Comparator.comparing(AppUser::getCountyCode, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(AppUser::getUsername))
        .map(u -> UserView.of(u, now)).toList();
  }

  private static boolean supervises(CurrentUser supervisor, AppUser user) {
    return supervisor.countyCode() != null && supervisor.countyCode().equals(user.getCountyCode())
        && (user.getRole() == Role.CASEWORKER || user.getRole() == Role.GATEKEEPING_PANEL);
  }

  @Transactional
  public UserView create(CurrentUser actor, NewUser user) {
    requireAdmin(actor);
    checkCounty(user.role(), user.countyCode());
    if (users.existsById(user.username())) {
      throw new Conflict("problem.user.exists", user.username());
    }
    AppUser created = users.save(new AppUser(user.username(), encoder.encode(user.password()), user.fullName().strip(),
        user.role(), user.countyCode()));
    audit.change(actor.username(), null, "created user " + user.username() + " (" + user.role().group()
        + (user.countyCode() == null ? "" : ", county " + user.countyCode()) + ")");
    return UserView.of(created, OffsetDateTime.now());
  }

  @Transactional
  public UserView change(CurrentUser actor, String username, UserChange change) {
    requireAdmin(actor);
    checkCounty(change.role(), change.countyCode());
    AppUser user = find(username);
    boolean removesAdmin = user.getRole() == Role.ADMIN && user.isEnabled() && (change.role() != Role.ADMIN || !change.enabled());
    if (removesAdmin && enabledAdmins() <= 1) {
      throw new Conflict("problem.user.lastAdmin");
    }
    String before = describe(user);
    user.change(change.fullName().strip(), change.role(), change.countyCode(), change.enabled());
    audit.change(actor.username(), null, "changed user " + username + ": " + before + " -> " + describe(user));
    return UserView.of(user, OffsetDateTime.now());
  }

  @Transactional
  public void setPassword(CurrentUser actor, String username, NewPassword password) {
    requireAdmin(actor);
    AppUser user = find(username);
    user.setPasswordHash(encoder.encode(password.password()));
    user.unlock();
    audit.change(actor.username(), null, "set a new password for user " + username);
  }

  @Transactional
  public UserView unlock(CurrentUser actor, String username) {
    AppUser user = find(username);
    if (actor.role() != Role.ADMIN && !(actor.role() == Role.SUPERVISOR && supervises(actor, user))) {
      throw new AccessDeniedException("problem.user.unlockRole");
    }
    user.unlock();
    audit.change(actor.username(), null, "lifted the sign-in lock of user " + username);
    return UserView.of(user, OffsetDateTime.now());
  }

  private AppUser find(String username) {
    return users.findById(username).orElseThrow(() -> new NotFound("problem.notFound.user", username));
  }

  private long enabledAdmins() {
    return db.sql("select count(*) from app_user where role = :role and enabled").param("role", Role.ADMIN.group())
        .query(Long.class).single();
  }

  private static String describe(AppUser user) {
    return user.getRole().group() + (user.getCountyCode() == null ? "" : " " + user.getCountyCode())
        + (user.isEnabled() ? "" : " disabled");
  }

  private static void requireAdmin(CurrentUser actor) {
    if (actor.role() != Role.ADMIN) {
      throw new AccessDeniedException("problem.user.adminOnly");
    }
  }

  /** County staff belong to a county that exists; the secretariat and administrators to none. */
  private void checkCounty(Role role, String county) {
    List<InvalidInput.Field> errors = new ArrayList<>();
    boolean countyRole = role == Role.CASEWORKER || role == Role.SUPERVISOR || role == Role.GATEKEEPING_PANEL;
    if (countyRole && county == null) {
      errors.add(new InvalidInput.Field("countyCode", "problem.field.countyNeeded"));
    } else if (!countyRole && county != null) {
      errors.add(new InvalidInput.Field("countyCode", "problem.field.national"));
    } else if (county != null && !counties.exists(county)) {
      errors.add(new InvalidInput.Field("countyCode", "problem.field.noSuchCounty"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput("problem.user.countyRole", errors);
    }
  }
}
