package ke.childprotection.notification;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import ke.childprotection.security.Role;
import ke.childprotection.support.BackgroundLoop;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the e-mails and SMS that the app's events call for into the outbox, each in the recipient's
 * language and only to those who chose it: the in-app notifications (deadlines passed, escalations) to
 * the users of their role and county; new tasks to their group (or assignee); a reminder before a task's
 * deadline; to a reporter who agreed, the case number and the news that the child was found; and once a
 * day, a digest in place of what a user asked to be held. Each source row is marked done in the same
 * transaction as its messages, and each message has a dedup key: a round repeated (a crash, a second
 * instance) writes nothing twice.
 */
@Component
class MessageFanOut implements ke.childprotection.support.RunsInBackground {
  private static final int BATCH = 100;

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final OutboundMessages outbox;
  private final MessageTexts texts;
  private final MessageSettings settings;
  /** The number the public calls (mcc.alerts.*): the county's own, else the national one. */
  private final String contactNumber;
  private final java.util.Map<String, String> countyContactNumbers;
  private final MessageSender sender;
  private final ZoneId zone;
  private final BackgroundLoop loop;

  MessageFanOut(JdbcClient db, TransactionTemplate tx, OutboundMessages outbox, MessageTexts texts, MessageSettings settings,
      MessageSender sender, @Value("${mcc.display-time-zone}") String zone,
      @Value("${mcc.alerts.contact-number}") String contactNumber, org.springframework.core.env.Environment environment) {
    this.db = db;
    this.tx = tx;
    this.outbox = outbox;
    this.texts = texts;
    this.settings = settings;
    this.contactNumber = contactNumber;
    this.countyContactNumbers = org.springframework.boot.context.properties.bind.Binder.get(environment)
        .bind("mcc.alerts.county-contact-numbers", org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, String.class))
        .orElse(java.util.Map.of());
    this.sender = sender;
    this.zone = ZoneId.of(zone);
    this.loop = new BackgroundLoop("message-fan-out", settings.fanOutInterval(), this::round);
  }

  /** A user who may be told, with their language and choices. */
  record Recipient(String username, Locale language, NotificationChoices.Choices choices) {}

  void round() {
    OffsetDateTime now = OffsetDateTime.now();
    int written = notifications(now) + newTasks(now) + reminders(now) + reporters(now);
    // the digest of the last digest time passed (today's, or yesterday's before today's time: one missed
    // while the app was stopped is written when it starts)
    LocalDate today = now.atZoneSameInstant(zone).toLocalDate();
    written += digest(now.atZoneSameInstant(zone).toLocalTime().isBefore(settings.digestAt()) ? today.minusDays(1) : today);
    if (written > 0) {
      sender.wake();
    }
  }

  /** The in-app notifications not yet fanned out; returns the messages written. */
  int notifications(OffsetDateTime now) {
    record Row(long id, UUID caseId, String county, String role, String reason, String elementId, String caseNumber) {}
    List<Row> rows = db.sql("""
        select n.id, n.case_id, n.county_code, n.recipient_role, n.reason, n.element_id, c.case_number
        from notification n join child_case c on c.id = n.case_id
        where n.fanned_out_at is null order by n.id fetch first :batch rows only""").param("batch", BATCH)
        .query((rs, i) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7)))
        .list();
    int written = 0;
    for (Row row : rows) {
      MessageSettings.Kind kind = settings.kindOf(row.reason());
      written += inTransaction(() -> {
        int n = 0;
        for (Recipient to : recipients(List.of(row.role()), row.county(), null)) {
          if (to.choices().wants(kind)) {
            MessageTexts.Text text = texts.notification(to.language(), row.reason(), row.elementId(), row.caseNumber(),
                row.caseId().toString());
            n += write("notification:" + row.id(), kind, to, row.caseId(), text, now);
          }
        }
        db.sql("update notification set fanned_out_at = :now where id = :id").param("now", now).param("id", row.id()).update();
        return n;
      });
    }
    return written;
  }

  private record TaskRow(long jobKey, UUID caseId, String county, String elementId, String name, String assignee,
      OffsetDateTime dueAt, String caseNumber) {}

  private List<TaskRow> tasks(String condition, OffsetDateTime now, OffsetDateTime soon) {
    return db.sql("""
        select t.job_key, t.case_id, t.county_code, t.element_id, t.name, t.assignee, t.due_at, c.case_number
        from user_task t join child_case c on c.id = t.case_id
        where t.state = 'OPEN' and %s order by t.job_key fetch first :batch rows only""".formatted(condition))
        .param("batch", BATCH).param("now", now).param("soon", soon)
        .query((rs, i) -> new TaskRow(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8)))
        .list();
  }

  private List<String> groupsOf(long jobKey) {
    return db.sql("select group_name from user_task_candidate_group where job_key = :key").param("key", jobKey)
        .query(String.class).list();
  }

  /** New open tasks: their assignee, or the users of their groups in their county, are told. */
  int newTasks(OffsetDateTime now) {
    // a task that ended before anyone was told needs no announcement
    db.sql("update user_task set announced_at = :now where announced_at is null and state <> 'OPEN'").param("now", now).update();
    int written = 0;
    for (TaskRow task : tasks("t.announced_at is null", now, now)) {
      written += inTransaction(() -> {
        int n = 0;
        for (Recipient to : recipients(groupsOf(task.jobKey()), task.county(), task.assignee())) {
          if (to.choices().newTasks()) {
            MessageTexts.Text text = texts.newTask(to.language(), task.elementId(), task.name(), task.caseNumber(), task.jobKey());
            n += write("task:" + task.jobKey(), MessageSettings.Kind.NEW_TASK, to, task.caseId(), text, now);
          }
        }
        db.sql("update user_task set announced_at = :now where job_key = :key").param("now", now).param("key", task.jobKey()).update();
        return n;
      });
    }
    return written;
  }

  /** Open tasks due within remind-before: their assignee (or group) is reminded once. */
  int reminders(OffsetDateTime now) {
    OffsetDateTime soon = now.plus(settings.remindBefore());
    int written = 0;
    for (TaskRow task : tasks("t.reminded_at is null and t.due_at is not null and t.due_at <= :soon", now, soon)) {
      written += inTransaction(() -> {
        int n = 0;
        if (task.dueAt().isAfter(now)) {
          // past its deadline already: the overdue notification says so, a reminder would come too late
          for (Recipient to : recipients(groupsOf(task.jobKey()), task.county(), task.assignee())) {
            if (to.choices().deadlines()) {
              MessageTexts.Text text = texts.reminder(to.language(), task.elementId(), task.name(), task.dueAt(),
                  task.caseNumber(), task.jobKey());
              n += write("reminder:" + task.jobKey(), MessageSettings.Kind.DEADLINE, to, task.caseId(), text, now);
            }
          }
        }
        db.sql("update user_task set reminded_at = :now where job_key = :key").param("now", now).param("key", task.jobKey()).update();
        return n;
      });
    }
    return written;
  }

  /**
   * Reporters who agreed: the case number once the case is registered, and the news once the child's
   * identity is confirmed. By SMS only, in both languages, no detail of the child.
   */
  int reporters(OffsetDateTime now) {
    if (!settings.sms().enabled()) {
      return 0;
    }
    record Row(UUID caseId, String caseNumber, String county, boolean toldReported, boolean found) {}
    List<Row> rows = db.sql("""
        select id, case_number, county_code, reporter_told_reported_at is not null, identity_confirmed_at is not null
        from child_case
        where notify_reporter and case_type = 'MISSING'
          and (reporter_told_reported_at is null or (identity_confirmed_at is not null and reporter_told_found_at is null))
        order by reported_at fetch first :batch rows only""").param("batch", BATCH)
        .query((rs, i) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4),
            rs.getBoolean(5)))
        .list();
    int written = 0;
    for (Row row : rows) {
      written += inTransaction(() -> {
        int n = 0;
        String contact = countyContactNumbers.getOrDefault(row.county(), contactNumber);
        if (!row.toldReported()) {
          n += toReporter(row.caseId(), "reported", texts.reporter("reported", row.caseNumber(), contact), now);
          db.sql("update child_case set reporter_told_reported_at = :now where id = :id").param("now", now)
              .param("id", row.caseId()).update();
        }
        if (row.found()) {
          n += toReporter(row.caseId(), "found", texts.reporter("found", row.caseNumber(), contact), now);
          db.sql("update child_case set reporter_told_found_at = :now where id = :id").param("now", now)
              .param("id", row.caseId()).update();
        }
        return n;
      });
    }
    return written;
  }

  private int toReporter(UUID caseId, String what, String body, OffsetDateTime now) {
    var draft = new OutboundMessages.Draft("reporter:" + caseId + ":" + what, MessageSettings.Channel.SMS,
        MessageSettings.Kind.REPORTER, null, caseId, "sw,en", null, body, false);
    return outbox.add(draft, now) ? 1 : 0;
  }

  /**
   * The digests of a day: for each user and channel, one message in place of those held before that
   * day's digest time. Returns the digests written (none when that day's were written already).
   */
  int digest(LocalDate day) {
    OffsetDateTime cutoff = day.atTime(settings.digestAt()).atZone(zone).toOffsetDateTime();
    OffsetDateTime now = OffsetDateTime.now();
    int written = 0;
    for (OutboundMessages.Held held : outbox.heldBefore(cutoff)) {
      Locale language = MessageTexts.language(held.language());
      MessageTexts.Text text = texts.digest(language, held.subjects());
      String body = held.channel() == MessageSettings.Channel.SMS
          ? text.subject() + " " + settings.linkBase() + "/notifications" : text.body();
      var draft = new OutboundMessages.Draft("digest:" + held.username() + ":" + held.channel() + ":" + day, held.channel(),
          MessageSettings.Kind.DIGEST, held.username(), null, language.getLanguage(), text.subject(), body, false);
      if (outbox.addDigest(draft, held.ids(), now)) {
        written++;
      }
    }
    return written;
  }

  /** The users to tell: the assignee alone when there is one, else the enabled users of the groups in the county (the secretariat's nationwide). */
  List<Recipient> recipients(List<String> groups, String county, String assignee) {
    List<Recipient> found = new ArrayList<>();
    db.sql("""
        select username, language, email, phone, notify_email, notify_sms, notify_deadlines, notify_escalations,
          notify_new_tasks, daily_digest
        from app_user
        where enabled and (case when cast(:assignee as varchar(64)) is null
          then role in (:groups) and (role = :nationwide or county_code = :county)
          else username = :assignee end)
        order by username""")
        .param("assignee", assignee).param("groups", groups.isEmpty() ? List.of("-") : groups)
        .param("nationwide", Role.CTIP_SECRETARIAT.group()).param("county", county)
        .query((rs, i) -> new Recipient(rs.getString(1), MessageTexts.language(rs.getString(2)),
            new NotificationChoices.Choices(rs.getString(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6),
                rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9), rs.getBoolean(10))))
        .list().forEach(found::add);
    return found;
  }

  /** The message to one user on each channel they chose (and this deployment has); returns how many were written. */
  private int write(String of, MessageSettings.Kind kind, Recipient to, UUID caseId, MessageTexts.Text text, OffsetDateTime now) {
    int n = 0;
    NotificationChoices.Choices c = to.choices();
    if (settings.email().enabled() && c.byEmail() && c.email() != null) {
      n += outbox.add(new OutboundMessages.Draft(of + ":" + to.username() + ":EMAIL", MessageSettings.Channel.EMAIL, kind,
          to.username(), caseId, to.language().getLanguage(), text.subject(), text.body(), c.dailyDigest()), now) ? 1 : 0;
    }
    // an SMS to staff is the subject alone: the link is in the e-mail and the app
    if (settings.sms().enabled() && c.bySms() && c.phone() != null) {
      n += outbox.add(new OutboundMessages.Draft(of + ":" + to.username() + ":SMS", MessageSettings.Channel.SMS, kind,
          to.username(), caseId, to.language().getLanguage(), text.subject(), text.subject(), c.dailyDigest()), now) ? 1 : 0;
    }
    return n;
  }

  private int inTransaction(java.util.function.IntSupplier work) {
    Integer n = tx.execute(status -> work.getAsInt());
    return n == null ? 0 : n;
  }

  @Override
  public BackgroundLoop loop() {
    return loop;
  }
}
