package ke.childprotection.privacy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Consent to tracing and to publicity, given or withdrawn: who recorded it, when and how. */
@Service
public class Consents {
  /** Tracing and matching; publicity (posters, media); SMS to the reporter (case number, child found). */
  public enum Kind { TRACING, PUBLICITY, REPORTER_SMS }

  public record Consent(Kind kind, boolean given, String recordedBy, OffsetDateTime recordedAt, String source) {}

  private final JdbcClient db;

  Consents(JdbcClient db) {
    this.db = db;
  }

  /** Records a consent in the transaction of the change that carries it. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void record(UUID caseId, Kind kind, boolean given, String recordedBy, String source) {
    db.sql("""
        insert into consent_record (case_id, kind, given, recorded_by, recorded_at, source)
        values (:caseId, :kind, :given, :by, :at, :source)""")
        .param("caseId", caseId).param("kind", kind.name()).param("given", given).param("by", recordedBy)
        .param("at", OffsetDateTime.now()).param("source", source.length() > 200 ? source.substring(0, 200) : source).update();
  }

  /** The case's consents, oldest first (the last of each kind is the one in force). */
  @Transactional(readOnly = true)
  public List<Consent> of(UUID caseId) {
    return db.sql("select kind, given, recorded_by, recorded_at, source from consent_record where case_id = :id order by recorded_at, id")
        .param("id", caseId).query((rs, n) -> new Consent(Kind.valueOf(rs.getString(1)), rs.getBoolean(2), rs.getString(3),
            rs.getObject(4, OffsetDateTime.class), rs.getString(5))).list();
  }
}
