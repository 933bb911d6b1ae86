package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.privacy.Retention;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Kenya Data Protection Act 2019: consent given or withdrawn is recorded with who and when; a child's
 * record is exported on a lawful request (JSON, PDF), audited with its reason; a case closed longer ago
 * than the retention period loses what identifies the child, its figures stay.
 */
@IntegrationTest
class DataProtectionTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuditLog audit;
  @Autowired Retention retention;

  @Test
  void consentIsRecordedWithWhoAndWhenAndTheRecordIsExportedOnALawfulRequest() {
    Api caseworker = new Api(port, "cw.nairobi");
    Map<String, Object> report = MissingChildCaseEndToEndTest.report("Consenting", 12);
    report.put("consentPublicity", false);
    // this installation has no SMS gateway: the reporter is not promised an SMS, and no such consent is kept
    report.put("notifyReporter", true);
    JsonNode created = caseworker.ok(caseworker.post("/api/cases", report));
    assertThat(created.get("reporterSms").asBoolean()).isFalse();
    String id = created.get("id").asText();
    JsonNode consents = caseworker.ok(caseworker.get("/api/cases/" + id + "/consents"));
    assertThat(consents).hasSize(2);
    assertThat(consents.toString()).contains("\"kind\":\"TRACING\",\"given\":true").contains("\"kind\":\"PUBLICITY\",\"given\":false")
        .contains("\"recordedBy\":\"cw.nairobi\"").contains("with the report");

    JsonNode record = caseworker.ok(caseworker.get("/api/cases/" + id)).get("child");
    Map<String, Object> correction = new HashMap<>();
    correction.put("version", record.get("version").asLong());
    correction.put("childFirstName", "Consenting");
    correction.put("childLastName", "Synthetic");
    correction.put("childSex", "FEMALE");
    correction.put("childAge", 12);
    correction.put("place", "Toi market, Kibra");
    correction.put("consentTracing", false);
    correction.put("consentPublicity", false);
    correction.put("reason", "the mother withdrew consent to tracing by phone");
    caseworker.ok(caseworker.put("/api/cases/" + id + "/record", correction));
    JsonNode after = caseworker.ok(caseworker.get("/api/cases/" + id + "/consents"));
    assertThat(after).hasSize(3);
    assertThat(after.get(2).get("kind").asText()).isEqualTo("TRACING");
    assertThat(after.get(2).get("given").asBoolean()).isFalse();
    assertThat(after.get(2).get("source").asText()).contains("withdrew consent");
    assertThat(after.get(2).get("recordedAt").asText()).isNotBlank();

    Api admin = new Api(port, "admin");
    assertThat(admin.get("/api/cases/" + id + "/record-export?reason=x").status()).as("a reason is required").isEqualTo(400);
    assertThat(caseworker.get("/api/cases/" + id + "/record-export?reason=" + enc("asked by the guardian, letter 12")).status())
        .isEqualTo(403);
    JsonNode exported = admin.ok(admin.get("/api/cases/" + id + "/record-export?reason=" + enc("guardian's request, letter 2026/77")));
    assertThat(exported.get("case").get("childName").asText()).contains("Consenting");
    assertThat(exported.get("consents")).hasSize(3);
    assertThat(exported.get("timeline").toString()).contains("REPORTED");
    assertThat(exported.get("accessLog").toString()).contains("cw.nairobi");
    var pdf = admin.download("/api/cases/" + id + "/record-export?format=pdf&reason=" + enc("guardian's request, letter 2026/77"));
    assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ?::uuid and username = 'admin' and detail like"
        + " 'exported the child''s record on a lawful request: guardian''s request%'", Long.class, id)).isEqualTo(2);
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void aCaseClosedLongerThanTheRetentionPeriodLosesWhatIdentifiesTheChild() {
    Api caseworker = new Api(port, "cw.nairobi");
    Map<String, Object> report = MissingChildCaseEndToEndTest.report("Retained", 10);
    report.put("relatives", "Synthetic Aunt (aunt)");
    UUID old = UUID.fromString(caseworker.ok(caseworker.post("/api/cases", report)).get("id").asText());
    UUID recent = UUID.fromString(caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Recent", 10)))
        .get("id").asText());
    caseworker.ok(caseworker.upload("/api/cases/" + old + "/documents", "PHOTO", "photo.png", "image/png", CaseDocumentsTest.png()));
    // their cases closed: one six years ago, one last month
    jdbc.update("update child_case set status = 'CLOSED', closed_at = ? where id = ?", OffsetDateTime.now().minusYears(6), old);
    jdbc.update("update child_case set status = 'CLOSED', closed_at = ? where id = ?", OffsetDateTime.now().minusMonths(1), recent);

    assertThat(retention.anonymiseDue(OffsetDateTime.now())).isGreaterThanOrEqualTo(1);
    Map<String, Object> row = jdbc.queryForMap("select * from child_case where id = ?", old);
    assertThat(row.get("child_first_name")).isNull();
    assertThat(row.get("child_last_name")).isNull();
    assertThat(row.get("relatives")).isNull();
    assertThat(row.get("reporter_name")).isEqualTo("(anonymised)");
    assertThat(row.get("reporter_phone")).isEqualTo("(anonymised)");
    assertThat(row.get("last_seen_place")).isEqualTo("(anonymised)");
    assertThat(row.get("anonymised_at")).isNotNull();
    assertThat(row.get("county_code")).as("figures stay").isEqualTo("047");
    assertThat(row.get("child_age")).isEqualTo(10);
    assertThat(jdbc.queryForObject("select count(*) from case_document where case_id = ?", Long.class, old)).isZero();
    assertThat(jdbc.queryForObject("select count(*) from child_name_key where case_id = ?", Long.class, old))
        .as("the name's sound is the name's too").isZero();
    assertThat(jdbc.queryForObject("select count(*) from child_name_key where case_id = ?", Long.class, recent)).isPositive();
    assertThat(jdbc.queryForList("select detail from case_event where case_id = ? and detail is not null", String.class, old))
        .isNotEmpty().allMatch("(anonymised)"::equals);
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ? and username = 'retention'"
        + " and detail like 'identifying data anonymised%'", Long.class, old)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select child_first_name from child_case where id = ?", String.class, recent))
        .as("closed a month ago: kept").isEqualTo("Recent");
    assertThat(retention.anonymiseDue(OffsetDateTime.now())).as("nothing twice").isZero();
  }
}
