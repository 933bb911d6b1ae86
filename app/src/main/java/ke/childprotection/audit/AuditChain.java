package ke.childprotection.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import ke.childprotection.support.BackgroundLoop;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's hash chain. Rows are written by many transactions (a change's own, the queued
 * reads); once committed, the sealer gives each its place ({@code seq}) and a SHA-256 over the previous
 * row's hash and its own fields, in one order for all (the chain head is locked while it seals, so two
 * app instances seal one after the other). {@link #verify} walks the chain: a row changed, removed or
 * slipped in unsealed afterwards shows as the first place where the chain breaks.
 */
@Component
public class AuditChain implements SmartLifecycle {
  private static final int BATCH = 1000;
  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ISO_INSTANT;

  /** The chain's state: rows sealed and verified, and the first place it breaks (null: intact). */
  public record Verification(long rows, Long brokenAt, String reason, long unsealed) {}

  private record Row(long id, OffsetDateTime occurredAt, String username, String action, UUID caseId, String detail,
      Long seq, String hash) {}

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final BackgroundLoop sealer;

  AuditChain(JdbcClient db, TransactionTemplate tx, @Value("${mcc.audit.seal-interval:PT2S}") Duration interval) {
    this.db = db;
    this.tx = tx;
    this.sealer = new BackgroundLoop("audit-sealer", interval, this::seal);
  }

  /** Seals every committed row that has no place yet; returns how many. */
  public int seal() {
    int sealed = 0;
    while (true) {
      Integer round = tx.execute(status -> {
        var head = db.sql("select last_seq, last_hash from audit_chain where id = 1 for update")
            .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
        long seq = (Long) head[0];
        String previous = (String) head[1];
        List<Row> rows = db.sql("""
            select id, occurred_at, username, action, case_id, detail, seq, hash from audit_log
            where hash is null order by id fetch first %d rows only""".formatted(BATCH)).query(this::row).list();
        for (Row row : rows) {
          seq++;
          previous = hash(previous, seq, row);
          db.sql("update audit_log set seq = :seq, hash = :hash where id = :id").param("seq", seq).param("hash", previous)
              .param("id", row.id()).update();
        }
        if (!rows.isEmpty()) {
          db.sql("update audit_chain set last_seq = :seq, last_hash = :hash where id = 1").param("seq", seq)
              .param("hash", previous).update();
        }
        return rows.size();
      });
      sealed += round;
      if (round < BATCH) {
        return sealed;
      }
    }
  }

  /** Recomputes the chain from its start up to its head: every row in place, each hash over the previous one. */
  public Verification verify() {
    var head = db.sql("select last_seq, last_hash from audit_chain where id = 1")
        .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
    long last = (Long) head[0];
    String previous = "0".repeat(64);
    long expected = 0;
    while (expected < last) {
      List<Row> rows = db.sql("""
          select id, occurred_at, username, action, case_id, detail, seq, hash from audit_log
          where seq > :after and seq <= :last order by seq fetch first %d rows only""".formatted(BATCH))
          .param("after", expected).param("last", last).query(this::row).list();
      if (rows.isEmpty()) {
        return new Verification(expected, expected + 1, "rows " + (expected + 1) + " to " + last + " of the chain are missing", unsealed());
      }
      for (Row row : rows) {
        expected++;
        if (row.seq() != expected) {
          return new Verification(expected - 1, expected, "row " + expected + " of the chain is missing", unsealed());
        }
        previous = hash(previous, row.seq(), row);
        if (!previous.equals(row.hash())) {
          return new Verification(expected - 1, expected, "row " + expected + " (id " + row.id() + ") was changed", unsealed());
        }
      }
    }
    if (!previous.equals(head[1])) {
      return new Verification(expected, expected, "the chain's head does not match its last row", unsealed());
    }
    return new Verification(expected, null, null, unsealed());
  }

  private long unsealed() {
    return db.sql("select count(*) from audit_log where hash is null").query(Long.class).single();
  }

  private Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Row(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3), rs.getString(4),
        rs.getObject(5, UUID.class), rs.getString(6), (Long) rs.getObject(7), rs.getString(8));
  }

  /** SHA-256 over the previous hash and the row's place and fields, each length-prefixed. */
  static String hash(String previous, long seq, Row row) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(previous, Long.toString(seq), Long.toString(row.id()),
          INSTANT.format(row.occurredAt().withOffsetSameInstant(ZoneOffset.UTC).toInstant()), row.username(), row.action(),
          row.caseId() == null ? "" : row.caseId().toString(), row.detail())) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        sha.update(bytes);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void start() {
    sealer.start();
  }

  @Override
  public void stop() {
    sealer.stop();
  }

  @Override
  public boolean isRunning() {
    return sealer.isRunning();
  }
}
