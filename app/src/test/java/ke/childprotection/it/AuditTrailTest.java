package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import ke.childprotection.audit.AuditChain;
import ke.childprotection.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every read of a child's data is audited — the record, lists, task forms, click-through lists — and so
 * is every refused attempt; the trail answers "who saw this child's record" for the administrator, is
 * append-only in the database and its hash chain shows a change made behind the app's back.
 */
@IntegrationTest
class AuditTrailTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuditLog audit;
  @Autowired AuditChain chain;

  private List<String> trail(UUID caseId, String username, String action) {
    audit.flush();
    return jdbc.queryForList("select detail from audit_log where case_id = ? and username = ? and action = ? order by id",
        String.class, caseId, username, action);
  }

  @Test
  void everyKindOfReadAndEveryRefusalIsRecorded() {
    Api caseworker = new Api(port, "cw.nairobi");
    Api supervisor = new Api(port, "sup.nairobi");
    JsonNode created = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Audited", 10)));
    UUID id = UUID.fromString(created.get("id").asText());
    JsonNode task = MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", id.toString(), "Task_AcceptCase");

    caseworker.ok(caseworker.get("/api/cases/" + id));
    caseworker.ok(caseworker.get("/api/cases"));
    caseworker.ok(caseworker.get("/api/tasks/" + task.get("id").asLong() + "/form"));
    assertThat(caseworker.download("/cases/" + id).statusCode()).isEqualTo(200);
    supervisor.ok(supervisor.get("/api/dashboard/processes/missing-child-case/steps/Task_AcceptCase/cases"));
    supervisor.ok(supervisor.get("/api/dashboard/operations"));
    supervisor.ok(supervisor.get("/api/reports/outcomes/cases?measure=REPORTED&period=" + YearMonth.now()));

    assertThat(trail(id, "cw.nairobi", "READ")).contains("GET /api/cases/{id}", "listed: GET /api/cases",
        "task form Task_AcceptCase", "case page");
    assertThat(trail(id, "sup.nairobi", "READ")).contains("listed: process view: cases at missing-child-case/Task_AcceptCase",
        "listed: dashboard: waiting for a caseworker").anyMatch(d -> d.startsWith("listed: cases behind the figure REPORTED"));

    Api otherCounty = new Api(port, "cw.mombasa");
    assertThat(otherCounty.get("/api/cases/" + id).status()).isEqualTo(404);
    assertThat(otherCounty.get("/api/tasks/" + task.get("id").asLong()).status()).isEqualTo(404);
    assertThat(caseworker.get("/api/admin/audit?case=" + id).status()).isEqualTo(403);
    assertThat(trail(id, "cw.mombasa", "REFUSED")).hasSize(2);
    audit.flush();
    assertThat(jdbc.queryForObject("select count(*) from audit_log where username = 'cw.nairobi' and action = 'REFUSED'"
        + " and detail like 'refused: GET /api/admin/audit%'", Long.class)).isEqualTo(1);

    Api admin = new Api(port, "admin");
    List<JsonNode> whoSaw = StreamSupport.stream(admin.ok(admin.get("/api/admin/audit?case=" + created.get("caseNumber").asText()))
        .spliterator(), false).toList();
    assertThat(whoSaw).extracting(e -> e.get("username").asText()).contains("cw.nairobi", "sup.nairobi", "cw.mombasa");
    assertThat(whoSaw).allMatch(e -> e.get("caseNumber").asText().equals(created.get("caseNumber").asText()));
    var csv = admin.download("/api/admin/audit.csv?case=" + id);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(new String(csv.body())).startsWith("seq,occurred_at,username,action,case_number,detail").contains("cw.mombasa");
    assertThat(trail(id, "admin", "READ")).contains("viewed the audit trail of the case");
  }

  @Test
  void aLongConcernNoteIsKeptNotRefused() {
    Api caseworker = new Api(port, "cw.nairobi");
    String id = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Noted", 15))).get("id").asText();
    Api.Response raised = caseworker.post("/api/cases/" + id + "/trafficking-concern",
        Map.of("act", true, "means", false, "purpose", false, "crossBorder", false, "notes", "seen with an older man. ".repeat(41)));
    assertThat(raised.status()).isEqualTo(202);
  }

  @Test
  void theTrailIsAppendOnlyAndItsChainShowsAChangeMadeBehindTheAppsBack() {
    new Api(port, "cw.nairobi").ok(new Api(port, "cw.nairobi").get("/api/cases"));
    audit.flush();
    chain.seal();
    AuditChain.Verification intact = chain.verify();
    assertThat(intact.brokenAt()).as(intact.reason()).isNull();
    assertThat(intact.rows()).isPositive();

    long row = jdbc.queryForObject("select max(id) from audit_log where seq is not null", Long.class);
    assertThatThrownBy(() -> jdbc.update("update audit_log set detail = 'nothing happened' where id = ?", row))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from audit_log where id = ?", row))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");

    // someone with the owner's rights switches the rule off and rewrites a row: the chain shows where
    String original = jdbc.queryForObject("select detail from audit_log where id = ?", String.class, row);
    long seq = jdbc.queryForObject("select seq from audit_log where id = ?", Long.class, row);
    jdbc.execute("alter table audit_log disable trigger audit_log_append_only");
    try {
      jdbc.update("update audit_log set detail = 'nothing happened' where id = ?", row);
      AuditChain.Verification broken = chain.verify();
      assertThat(broken.brokenAt()).isEqualTo(seq);
      assertThat(broken.reason()).contains("was changed");
      jdbc.update("update audit_log set detail = ? where id = ?", original, row);
    } finally {
      jdbc.execute("alter table audit_log enable trigger audit_log_append_only");
    }
    assertThat(chain.verify().brokenAt()).isNull();
    JsonNode verified = new Api(port, "admin").ok(new Api(port, "admin").get("/api/admin/audit/verify"));
    assertThat(verified.path("brokenAt").isMissingNode()).as(verified.toString()).isTrue();
    assertThat(verified.get("rows").asLong()).isPositive();
  }
}
