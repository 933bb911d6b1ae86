package ke.childprotection.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator's questions to the audit trail: who saw or changed this child's record, what did
 * this user do, and is the trail intact. Looking at a child's trail is itself recorded.
 */
@Service
public class AuditTrail {
  public record Entry(Long seq, OffsetDateTime occurredAt, String username, String action, UUID caseId, String caseNumber,
      String detail) {}

  private final JdbcClient db;
  private final AuditLog audit;

  AuditTrail(JdbcClient db, AuditLog audit) {
    this.db = db;
    this.audit = audit;
  }

  /** The case a number or id names (null when none). */
  @Transactional(readOnly = true)
  public UUID caseOf(String caseNumberOrId) {
    if (caseNumberOrId == null || caseNumberOrId.isBlank()) {
      return null;
    }
    String given = caseNumberOrId.strip();
    try {
      return db.sql("select id from child_case where id = :id").param("id", UUID.fromString(given)).query(UUID.class).optional()
          .orElse(null);
    } catch (IllegalArgumentException notAnId) {
      return db.sql("select id from child_case where case_number = :number").param("number", given).query(UUID.class).optional()
          .orElse(null);
    }
  }

  /** The newest {@code limit} entries of a case and/or a user, newest first; the admin's look is recorded. */
  @Transactional(readOnly = true)
  public List<Entry> entries(String admin, UUID caseId, String username, int limit) {
    Map<String, Object> p = new LinkedHashMap<>();
    List<String> where = new ArrayList<>();
    if (caseId != null) {
      where.add("a.case_id = :caseId");
      p.put("caseId", caseId);
      audit.read(admin, caseId, "viewed the audit trail of the case");
    }
    if (username != null && !username.isBlank()) {
      where.add("a.username = :username");
      p.put("username", username.strip());
    }
    String sql = """
        select a.seq, a.occurred_at, a.username, a.action, a.case_id, c.case_number, a.detail
        from audit_log a left join child_case c on c.id = a.case_id
        """ + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
        + " order by a.occurred_at desc, a.id desc fetch first " + Math.max(1, Math.min(limit, 10_000)) + " rows only";
    return db.sql(sql).params(p).query((rs, n) -> new Entry((Long) rs.getObject(1), rs.getObject(2, OffsetDateTime.class),
        rs.getString(3), rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7))).list();
  }

  /** The same entries as CSV (for a regulator or a data subject's request). */
  public String csv(List<Entry> entries) {
    StringWriter out = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
        .setHeader("seq", "occurred_at", "username", "action", "case_number", "detail").get())) {
      for (Entry e : entries) {
        csv.printRecord(e.seq(), e.occurredAt(), e.username(), e.action(), e.caseNumber(), e.detail());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
