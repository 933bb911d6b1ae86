package ke.childprotection.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import ke.childprotection.support.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who read or changed a child's record, when, and through what. The one way to record audit.
 *
 * <p>A change is written in the change's own transaction. A read is queued and written by one writer
 * in batches a moment later: a reading request never holds a second database connection (200 parallel
 * reads would otherwise exhaust the pool), the read is recorded even when the request fails afterwards,
 * and a database hiccup only delays the rows (they are kept and written when it is back).
 */
@Service
public class AuditLog implements SmartLifecycle {
  public enum Action { READ, CHANGE, REFUSED }

  /** The longest detail kept (the column's size); longer ones are cut, never refused. */
  static final int DETAIL = 1000;

  private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
  private static final int BATCH = 500;

  private final AuditEntries entries;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final LinkedBlockingQueue<AuditEntry> pendingReads = new LinkedBlockingQueue<>();
  private final BackgroundLoop writer;

  AuditLog(AuditEntries entries, TransactionTemplate tx, org.springframework.jdbc.core.JdbcTemplate jdbc,
      @Value("${mcc.audit.read-flush-interval:PT0.2S}") java.time.Duration flush) {
    this.entries = entries;
    this.jdbc = jdbc;
    this.tx = tx;
    this.writer = new BackgroundLoop("audit-writer", flush, this::flush);
  }

  /** Queues the record of a read; written within {@code mcc.audit.read-flush-interval}. */
  public void read(String username, UUID caseId, String detail) {
    pendingReads.add(new AuditEntry(username, Action.READ.name(), caseId, cut(detail)));
  }

  /** Queues the record of a refused attempt (what was asked for, and by whom). */
  public void refused(String username, UUID caseId, String detail) {
    pendingReads.add(new AuditEntry(username, Action.REFUSED.name(), caseId, cut(detail)));
  }

  private static String cut(String detail) {
    return detail.length() <= DETAIL ? detail : detail.substring(0, DETAIL - 1) + "…";
  }

  /** A change is recorded in the change's own transaction: kept if and only if the change is. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void change(String username, UUID caseId, String detail) {
    jdbc.update("insert into audit_log (occurred_at, username, action, case_id, detail) values (?, ?, ?, ?, ?)",
        java.time.OffsetDateTime.now(), username, Action.CHANGE.name(), caseId, cut(detail));
  }

  /** Writes the queued reads now (the writer does this on its own; tests and shutdown call it). */
  public synchronized void flush() {
    while (!pendingReads.isEmpty()) {
      List<AuditEntry> batch = new ArrayList<>(BATCH);
      pendingReads.drainTo(batch, BATCH);
      try {
        tx.executeWithoutResult(s -> entries.saveAll(batch));
      } catch (RuntimeException e) {
        // Kept, in order, for the next attempt.
        List<AuditEntry> back = new ArrayList<>(batch);
        pendingReads.drainTo(back);
        pendingReads.addAll(back);
        log.warn("Audit: {} reads not written yet; retrying", back.size());
        throw e;
      }
    }
  }

  @Override
  public void start() {
    writer.start();
  }

  @Override
  public void stop() {
    writer.stop();
    try {
      flush();
    } catch (RuntimeException e) {
      log.error("Audit: {} reads could not be written before the stop: {}", pendingReads.size(), e.toString());
    }
  }

  @Override
  public boolean isRunning() {
    return writer.isRunning();
  }

  /** Stops after the web server (which stops at a later phase) has finished its requests. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }
}
