package ke.childprotection.security;

import java.io.Console;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

/**
 * The one-time command that makes the first administrator of a database without demo users
 * ({@code deploy/create-admin.sh}): migrates the database if needed, then creates the user, unless an
 * administrator exists already (then users are managed on the Users page). Runs without the engine or
 * the web server: database settings as the app's ({@code --spring.profiles.active=postgres}).
 * Username and name from {@code --mcc.admin.username} and {@code --mcc.admin.full-name}; the password
 * from {@code MCC_ADMIN_PASSWORD} or asked on the console.
 */
@ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
    FlywayAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class})
public class CreateAdministrator {
  /** What the command did, for its exit code and its message. */
  public record Outcome(boolean created, String message) {}

  public static void main(String[] args) {
    Outcome outcome;
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CreateAdministrator.class)
        .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args)) {
      Environment env = context.getEnvironment();
      outcome = create(context.getBean(JdbcClient.class), env.getProperty("mcc.admin.username", ""),
          env.getProperty("mcc.admin.full-name", "Administrator"), password(env));
    }
    System.out.println(outcome.message());
    System.exit(outcome.created() ? 0 : 1);
  }

  private static char[] password(Environment env) {
    String given = env.getProperty("MCC_ADMIN_PASSWORD");
    if (given != null) {
      return given.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      return new char[0];
    }
    char[] first = console.readPassword("Password for the administrator (%d or more characters): ", UserAdministration.MIN_PASSWORD);
    char[] again = console.readPassword("The same again: ");
    return first != null && Arrays.equals(first, again) ? first : new char[0];
  }

  /** Creates the administrator in {@code db} unless one exists; the password is checked, then hashed (bcrypt). */
  public static Outcome create(JdbcClient db, String username, String fullName, char[] password) {
    if (!username.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
      return new Outcome(false, "Give --mcc.admin.username: 3 to 64 of a-z, 0-9, dot, dash, underscore.");
    }
    if (password.length < UserAdministration.MIN_PASSWORD) {
      return new Outcome(false, "No password of " + UserAdministration.MIN_PASSWORD + " or more characters was given "
          + "(MCC_ADMIN_PASSWORD, or typed twice the same on the console).");
    }
    long admins = db.sql("select count(*) from app_user where role = :role").param("role", Role.ADMIN.group())
        .query(Long.class).single();
    if (admins > 0) {
      return new Outcome(false, "This database has an administrator already: users are managed on its Users page.");
    }
    String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(new String(password));
    Arrays.fill(password, ' ');
    db.sql("""
        insert into app_user (username, password_hash, full_name, role, enabled) values (:username, :hash, :name, :role, true)
        """).param("username", username).param("hash", hash).param("name", fullName.strip()).param("role", Role.ADMIN.group())
        .update();
    db.sql("""
        insert into audit_log (occurred_at, username, action, detail) values (:now, 'create-admin', 'CHANGE', :detail)
        """).param("now", OffsetDateTime.now()).param("detail", "created the first administrator " + username).update();
    return new Outcome(true, "Administrator " + username + " created: sign in and add the other users on the Users page.");
  }
}
