package ke.childprotection.notification;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import ke.childprotection.support.Languages;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words of e-mails and SMS, in the reader's language (a reporter's SMS carries both). They name the
 * case by its number and the step by its name, never the child: the details are read in the app.
 */
@Component
class MessageTexts {
  /** A message's subject (e-mail) or first line, and its body. */
  record Text(String subject, String body) {}

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm");

  private final MessageSource messages;
  private final MessageSettings settings;
  private final ZoneId zone;

  MessageTexts(MessageSource messages, MessageSettings settings, @Value("${mcc.display-time-zone}") String zone) {
    this.messages = messages;
    this.settings = settings;
    this.zone = ZoneId.of(zone);
  }

  static Locale language(String tag) {
    Locale language = Languages.of(tag);
    return language == null ? Languages.ENGLISH : language;
  }

  /** An in-app notification (a deadline passed, an escalation) as it leaves the app. */
  Text notification(Locale language, String reason, String elementId, String caseNumber, String caseId) {
    return text(language, headline(language, reason, elementId, messages.getMessage("notify.reason.other", null, language)),
        caseNumber, "/cases/" + caseId);
  }

  /** What a notification says in a language: the text of its reason (naming its step), else {@code fallback}. */
  String headline(Locale language, String reason, String elementId, String fallback) {
    return messages.getMessage("notify.reason." + reason, new Object[] {step(language, elementId, null)}, fallback, language);
  }

  /** A new task for the reader's group (or the reader). */
  Text newTask(Locale language, String elementId, String taskName, String caseNumber, long taskId) {
    return text(language, say(language, "notify.newTask", step(language, elementId, taskName)), caseNumber, "/tasks/" + taskId);
  }

  /** A task whose deadline comes soon. */
  Text reminder(Locale language, String elementId, String taskName, OffsetDateTime dueAt, String caseNumber, long taskId) {
    return text(language, say(language, "notify.reminder", step(language, elementId, taskName),
        WHEN.withLocale(language).format(dueAt.atZoneSameInstant(zone))), caseNumber, "/tasks/" + taskId);
  }

  /** What the reporter is told, in Kiswahili and English: {@code reported} (the case number) or {@code found}. */
  String reporter(String what, String caseNumber, String contactNumber) {
    return say(Languages.KISWAHILI, "notify.reporter." + what, caseNumber, contactNumber) + "\n"
        + say(Languages.ENGLISH, "notify.reporter." + what, caseNumber, contactNumber);
  }

  /** The day's digest of what was held: one e-mail (or SMS) in place of many. */
  Text digest(Locale language, List<String> subjects) {
    String subject = say(language, "notify.digest.subject", subjects.size());
    StringBuilder body = new StringBuilder(subject).append("\n\n");
    subjects.forEach(s -> body.append("- ").append(s).append('\n'));
    body.append('\n').append(say(language, "notify.footer", settings.linkBase() + "/notifications"));
    return new Text(subject, body.toString());
  }

  private Text text(Locale language, String headline, String caseNumber, String path) {
    String subject = say(language, "notify.subject", headline, caseNumber);
    String body = say(language, "notify.body", headline, caseNumber, settings.linkBase() + path) + "\n\n"
        + say(language, "notify.footer", settings.linkBase() + "/notifications");
    return new Text(subject, body);
  }

  private String step(Locale language, String elementId, String name) {
    if (elementId == null) {
      return name == null ? "" : name;
    }
    return messages.getMessage("step." + elementId, null, name == null ? elementId : name, language);
  }

  private String say(Locale language, String key, Object... args) {
    return messages.getMessage(key, args, language);
  }
}
