package ke.childprotection.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Notifications that leave the app ({@code mcc.notifications.*}): which in-app reasons are deadlines
 * (every other is an escalation), when a deadline is announced before it falls, how often the outbox is
 * written and sent, how a failed send is retried, where the daily digest falls, and the two channels.
 */
@ConfigurationProperties(prefix = "mcc.notifications")
public record MessageSettings(List<String> deadlineReasons, Duration remindBefore, Duration fanOutInterval,
    Duration sendInterval, int maxAttempts, Duration firstRetry, Duration maxRetry, Duration sendTimeout, String linkBase,
    LocalTime digestAt, Email email, Sms sms) {

  /** E-mail through the SMTP server of {@code spring.mail.*}, from this address. */
  public record Email(boolean enabled, String from) {}

  /**
   * SMS through an HTTP gateway: a form POST of {@code username}, {@code to}, {@code message} (and
   * {@code from}, the sender id, when set) with the key in the {@code apiKey} header, as Africa's Talking
   * (widely used in Kenya) takes it.
   */
  public record Sms(boolean enabled, String url, String username, String apiKey, String sender) {}

  public MessageSettings {
    deadlineReasons = deadlineReasons == null ? List.of() : List.copyOf(deadlineReasons);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("mcc.notifications.max-attempts must be at least 1");
    }
    email = email == null ? new Email(false, null) : email;
    sms = sms == null ? new Sms(false, null, null, null, null) : sms;
    if (email.enabled() && (email.from() == null || email.from().isBlank())) {
      throw new IllegalArgumentException("mcc.notifications.email.from must be set when e-mail is enabled");
    }
    if (sms.enabled() && (sms.url() == null || sms.url().isBlank())) {
      throw new IllegalArgumentException("mcc.notifications.sms.url must be set when SMS is enabled");
    }
    linkBase = linkBase == null ? "" : linkBase.replaceAll("/+$", "");
  }

  /** The kind of user choice a notification's reason falls under. */
  Kind kindOf(String reason) {
    return deadlineReasons.contains(reason) ? Kind.DEADLINE : Kind.ESCALATION;
  }

  /** The wait after the given failed attempt: first-retry, doubling up to max-retry. */
  Duration retryAfter(int attempt) {
    return ke.childprotection.support.BackgroundLoop.doubling(firstRetry, maxRetry, attempt);
  }

  /** What a message is about; a user chooses deadlines, escalations and new tasks. */
  enum Kind { DEADLINE, ESCALATION, NEW_TASK, REPORTER, DIGEST }

  enum Channel { EMAIL, SMS }
}
