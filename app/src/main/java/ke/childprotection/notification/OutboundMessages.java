package ke.childprotection.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox of e-mails and SMS: a message is written once (its dedup key names what it is of and to
 * whom), in the transaction that decides it, and waits here until the mail server or SMS gateway has
 * taken it. A send that fails is tried again later, each wait doubling; after max-attempts the message
 * is FAILED, shown to the administrator, who may retry it. The outbox keeps no address: it is read at
 * sending time (the user's current one, or the reporter's phone on the case).
 */
@Service
public class OutboundMessages {
  /** A message to write: its text is already in the recipient's language. */
  record Draft(String dedupKey, MessageSettings.Channel channel, MessageSettings.Kind kind, String username, UUID caseId,
      String language, String subject, String body, boolean held) {}

  /** A message due to be sent, with the address it goes to now (null: none any more). */
  record Due(long id, MessageSettings.Channel channel, String address, String subject, String body, int attempts) {}

  /** A message as the administrator sees it: to whom, about which case, its state; not its text. */
  public record Message(long id, String channel, String kind, String recipient, UUID caseId, String caseNumber,
      String subject, String state, int attempts, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
      OffsetDateTime sentAt, String lastError) {}

  /** Messages a user's digest holds, per channel. */
  record Held(String username, MessageSettings.Channel channel, String language, List<Long> ids, List<String> subjects) {}

  private final JdbcClient db;

  OutboundMessages(JdbcClient db) {
    this.db = db;
  }

  /** Writes the message unless one with its dedup key exists; returns true when this call wrote it. */
  @Transactional(propagation = Propagation.MANDATORY)
  boolean add(Draft draft, OffsetDateTime now) {
    return db.sql("""
        insert into outbound_message (dedup_key, channel, kind, username, case_id, language, subject, body, state,
          next_attempt_at, created_at)
        values (:key, :channel, :kind, :username, :caseId, :language, :subject, :body, :state, :now, :now)
        on conflict do nothing""")
        .param("key", draft.dedupKey()).param("channel", draft.channel().name()).param("kind", draft.kind().name())
        .param("username", draft.username()).param("caseId", draft.caseId()).param("language", draft.language())
        .param("subject", cut(draft.subject(), 300)).param("body", cut(draft.body(), 4000))
        .param("state", draft.held() ? "HELD" : "PENDING").param("now", now).update() == 1;
  }

  /** The messages to send at {@code now}, oldest first, each with the address it goes to. */
  List<Due> due(OffsetDateTime now, int limit) {
    return db.sql("""
        select m.id, m.channel, m.subject, m.body, m.attempts,
          case when m.username is null then c.reporter_phone when m.channel = 'EMAIL' then u.email else u.phone end
        from outbound_message m
          left join app_user u on u.username = m.username
          left join child_case c on c.id = m.case_id
        where m.state = 'PENDING' and m.next_attempt_at <= :now and (m.claimed_until is null or m.claimed_until < :now)
        order by m.id fetch first :limit rows only""")
        .param("now", now).param("limit", limit)
        .query((rs, i) -> new Due(rs.getLong(1), MessageSettings.Channel.valueOf(rs.getString(2)), rs.getString(6),
            rs.getString(3), rs.getString(4), rs.getInt(5)))
        .list();
  }

  /** Takes the message for one send (another instance does not take it until {@code until}). */
  boolean claim(long id, OffsetDateTime now, OffsetDateTime until) {
    return db.sql("""
        update outbound_message set claimed_until = :until
        where id = :id and state = 'PENDING' and (claimed_until is null or claimed_until < :now)""")
        .param("until", until).param("id", id).param("now", now).update() == 1;
  }

  void sent(long id, OffsetDateTime now) {
    db.sql("""
        update outbound_message set state = 'SENT', sent_at = :now, attempts = attempts + 1, claimed_until = null,
          last_error = null
        where id = :id""").param("now", now).param("id", id).update();
  }

  /** A failed attempt: tried again at {@code next}, or FAILED (given up) when next is null. */
  void failed(long id, String error, OffsetDateTime next) {
    db.sql("""
        update outbound_message set attempts = attempts + 1, claimed_until = null, last_error = :error,
          state = :state, next_attempt_at = coalesce(:next, next_attempt_at)
        where id = :id""")
        .param("error", cut(error, 1000)).param("state", next == null ? "FAILED" : "PENDING").param("next", next)
        .param("id", id).update();
  }

  /** Messages, newest first: all, or those in one state. */
  @Transactional(readOnly = true)
  public List<Message> list(String state, int limit) {
    return db.sql("""
        select m.id, m.channel, m.kind, m.username, m.case_id, c.case_number, m.subject, m.state, m.attempts, m.created_at,
          m.next_attempt_at, m.sent_at, m.last_error
        from outbound_message m left join child_case c on c.id = m.case_id
        where (cast(:state as varchar(12)) is null or m.state = :state)
        order by m.id desc fetch first :limit rows only""")
        .param("state", state).param("limit", limit)
        .query((rs, i) -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
            rs.getObject(10, OffsetDateTime.class), "PENDING".equals(rs.getString(8)) ? rs.getObject(11, OffsetDateTime.class) : null,
            rs.getObject(12, OffsetDateTime.class), rs.getString(13)))
        .list();
  }

  /** How many messages are in each state. */
  @Transactional(readOnly = true)
  public Map<String, Long> counts() {
    return db.sql("select state, count(*) from outbound_message group by state")
        .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, java.util.TreeMap::new));
  }

  /** A FAILED message is tried again from now, with all its attempts; returns false when it is not FAILED. */
  @Transactional
  public boolean retry(long id) {
    return db.sql("""
        update outbound_message set state = 'PENDING', attempts = 0, next_attempt_at = :now, claimed_until = null
        where id = :id and state = 'FAILED'""").param("now", OffsetDateTime.now()).param("id", id).update() == 1;
  }

  /** The messages held for digests and written before {@code cutoff}, per user and channel. */
  List<Held> heldBefore(OffsetDateTime cutoff) {
    record Row(String username, String channel, String language, long id, String subject) {}
    List<Row> rows = db.sql("""
        select username, channel, language, id, subject from outbound_message
        where state = 'HELD' and created_at < :cutoff order by username, channel, id""")
        .param("cutoff", cutoff)
        .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5))).list();
    Map<List<String>, List<Row>> groups = rows.stream()
        .collect(Collectors.groupingBy(r -> List.of(r.username(), r.channel()), java.util.LinkedHashMap::new, Collectors.toList()));
    return groups.values().stream().map(g -> new Held(g.get(0).username(), MessageSettings.Channel.valueOf(g.get(0).channel()),
        g.get(g.size() - 1).language(), g.stream().map(Row::id).toList(), g.stream().map(Row::subject).toList())).toList();
  }

  /** Writes a digest in place of the held messages it gathers (once: a second call for the same digest writes nothing). */
  @Transactional
  boolean addDigest(Draft digest, List<Long> held, OffsetDateTime now) {
    if (!add(digest, now)) {
      return false;
    }
    long digestId = db.sql("select id from outbound_message where dedup_key = :key").param("key", digest.dedupKey())
        .query(Long.class).single();
    db.sql("update outbound_message set state = 'DIGESTED', digest_id = :digest where id in (:ids) and state = 'HELD'")
        .param("digest", digestId).param("ids", held).update();
    return true;
  }

  private static String cut(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
