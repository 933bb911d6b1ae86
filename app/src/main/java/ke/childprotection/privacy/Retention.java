package ke.childprotection.privacy;

import java.time.OffsetDateTime;
import java.time.Period;
import java.util.List;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention as configuration: a case closed longer ago than {@code mcc.retention.closed-case-identity}
 * loses what identifies the child and the people around it — names, places, descriptions, the reporter,
 * relatives, documents and photos, the free text of its forms and timeline — while what the outcome
 * figures count stays (county, sex, age, dates, status). One transaction per case, audited; run every
 * {@code mcc.retention.check-interval}.
 */
@Service
public class Retention {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  static final String ANONYMISED = "(anonymised)";

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final AuditLog audit;
  private final Period keepIdentity;

  Retention(JdbcClient db, TransactionTemplate tx, AuditLog audit,
      @Value("${mcc.retention.closed-case-identity}") Period keepIdentity) {
    this.db = db;
    this.tx = tx;
    this.audit = audit;
    this.keepIdentity = keepIdentity;
  }

  @Scheduled(fixedDelayString = "${mcc.retention.check-interval}", initialDelayString = "PT5M")
  void scheduled() {
    try {
      int done = anonymiseDue(OffsetDateTime.now());
      if (done > 0) {
        log.info("Retention: {} closed case(s) anonymised", done);
      }
    } catch (RuntimeException e) {
      log.error("Retention run failed (tried again at the next run): {}", e.toString());
    }
  }

  /** Anonymises every case whose retention period has run out at {@code now}; returns how many. */
  public int anonymiseDue(OffsetDateTime now) {
    OffsetDateTime closedBefore = now.minus(keepIdentity);
    int done = 0;
    while (true) {
      List<UUID> due = db.sql("""
          select id from child_case where status = 'CLOSED' and closed_at < :before and anonymised_at is null
          order by closed_at fetch first 100 rows only""").param("before", closedBefore).query(UUID.class).list();
      for (UUID caseId : due) {
        tx.executeWithoutResult(status -> anonymise(caseId, now));
        done++;
      }
      if (due.size() < 100) {
        return done;
      }
    }
  }

  private void anonymise(UUID caseId, OffsetDateTime now) {
    int updated = db.sql("""
        update child_case set child_first_name = null, child_last_name = null, last_seen_place = :anon,
          clothing_and_marks = null, medical_needs = null, circumstances = null, reporter_name = :anon,
          reporter_phone = :anon, police_ob_number = null, relatives = null, languages = null, possible_duplicates = null,
          anonymised_at = :now, version = version + 1
        where id = :id and anonymised_at is null""").param("anon", ANONYMISED).param("now", now).param("id", caseId).update();
    if (updated == 0) {
      return;
    }
    db.sql("delete from case_document where case_id = :id").param("id", caseId).update();
    db.sql("delete from child_name_key where case_id = :id").param("id", caseId).update();
    db.sql("update case_event set detail = :anon where case_id = :id and detail is not null").param("anon", ANONYMISED)
        .param("id", caseId).update();
    db.sql("update form_submission set data = '{}' where case_id = :id").param("id", caseId).update();
    db.sql("update user_task set input_data = '{}' where case_id = :id").param("id", caseId).update();
    audit.change("retention", caseId, "identifying data anonymised: closed more than " + keepIdentity + " ago");
  }

}
