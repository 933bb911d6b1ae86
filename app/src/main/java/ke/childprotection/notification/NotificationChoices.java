package ke.childprotection.notification;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ke.childprotection.support.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What each user chose to be told outside the app: where, by which channel, of what, and how often. */
@Service
public class NotificationChoices {
  /** A user's choices (the API's and the page's body). */
  public record Choices(
      @Email @Size(max = 254) String email,
      @Pattern(regexp = "\\+?[0-9 ]{9,16}", message = "{validation.phone}") String phone,
      boolean byEmail,
      boolean bySms,
      boolean deadlines,
      boolean escalations,
      boolean newTasks,
      boolean dailyDigest) {

    public Choices {
      email = blankToNull(email);
      phone = blankToNull(phone);
    }

    boolean wants(MessageSettings.Kind kind) {
      return switch (kind) {
        case DEADLINE -> deadlines;
        case ESCALATION -> escalations;
        case NEW_TASK -> newTasks;
        default -> false;
      };
    }
  }

  private final JdbcClient db;

  NotificationChoices(JdbcClient db) {
    this.db = db;
  }

  @Transactional(readOnly = true)
  public Optional<Choices> of(String username) {
    return db.sql("""
        select email, phone, notify_email, notify_sms, notify_deadlines, notify_escalations, notify_new_tasks, daily_digest
        from app_user where username = :username""").param("username", username)
        .query((rs, i) -> new Choices(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
            rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8)))
        .optional();
  }

  /**
   * Saves the user's choices. A channel chosen needs its address; turning the digest off sends what it
   * held at once.
   */
  @Transactional
  public Choices change(String username, Choices choices) {
    List<InvalidInput.Field> wrong = new ArrayList<>();
    if (choices.byEmail() && choices.email() == null) {
      wrong.add(new InvalidInput.Field("email", "problem.notify.emailNeeded"));
    }
    if (choices.bySms() && choices.phone() == null) {
      wrong.add(new InvalidInput.Field("phone", "problem.notify.phoneNeeded"));
    }
    if (!wrong.isEmpty()) {
      throw new InvalidInput("problem.invalidFields", wrong);
    }
    db.sql("""
        update app_user set email = :email, phone = :phone, notify_email = :byEmail, notify_sms = :bySms,
          notify_deadlines = :deadlines, notify_escalations = :escalations, notify_new_tasks = :newTasks,
          daily_digest = :digest
        where username = :username""")
        .param("email", choices.email()).param("phone", choices.phone()).param("byEmail", choices.byEmail())
        .param("bySms", choices.bySms()).param("deadlines", choices.deadlines()).param("escalations", choices.escalations())
        .param("newTasks", choices.newTasks()).param("digest", choices.dailyDigest()).param("username", username).update();
    if (!choices.dailyDigest()) {
      db.sql("update outbound_message set state = 'PENDING' where username = :username and state = 'HELD'")
          .param("username", username).update();
    }
    return choices;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
