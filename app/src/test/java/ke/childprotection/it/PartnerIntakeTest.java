package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Partner systems (the 116 helpline, a police station) report through /api/partner with their own key:
 * the same validation and idempotency as the staff API, their scopes and county enforced, their rate
 * limited, their key revocable; a user's credentials are no key, and a key opens nothing else.
 */
@IntegrationTest
class PartnerIntakeTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private final Api admin() {
    return new Api(port, "admin");
  }

  /** A partner registered by the administrator; returns its key. */
  String issue(String id, String kind, String county, List<String> scopes, Integer perMinute) {
    Map<String, Object> partner = new HashMap<>();
    partner.put("id", id);
    partner.put("name", "Synthetic " + id);
    partner.put("kind", kind);
    partner.put("countyCode", county);
    partner.put("scopes", scopes);
    partner.put("requestsPerMinute", perMinute);
    Api.Response issued = admin().post("/api/admin/partners", partner);
    assertThat(issued.status()).as("%s", issued.body()).isEqualTo(201);
    String key = issued.body().get("key").asText();
    assertThat(key).startsWith("mcc_" + id + ".");
    return key;
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  int casesBy(String partnerId) {
    return jdbc.queryForObject("select count(*) from child_case where reported_by = ?", Integer.class, "partner:" + partnerId);
  }

  @Test
  void theHelplineReportsOnceWhateverItRetriesAndTheCaseGoesToTheCounty() {
    String id = unique("helpline");
    Api helpline = Api.partner(port, issue(id, "HELPLINE", null, List.of("report:missing", "report:status"), 1000));
    Map<String, Object> report = MissingChildCaseEndToEndTest.report("Partner", 8);
    report.put("reporterRelationship", "HELPLINE_116");

    Api.Response first = helpline.post("/api/partner/reports/missing", report, "call-2291");
    assertThat(first.status()).as("%s", first.body()).isEqualTo(201);
    String caseNumber = first.body().get("caseNumber").asText();
    assertThat(caseNumber).startsWith("MC-047-");
    assertThat(first.header("Location")).isEqualTo("/api/partner/reports/" + caseNumber);
    assertThat(first.body().get("status").asText()).isEqualTo("OPEN");
    assertThat(first.body().has("childName")).as("a receipt, not the case").isFalse();

    // the answer was lost: the helpline sends it again, and again, with the same key
    for (int i = 0; i < 2; i++) {
      Api.Response again = helpline.post("/api/partner/reports/missing", report, "call-2291");
      assertThat(again.status()).isEqualTo(201);
      assertThat(again.body().get("caseNumber").asText()).isEqualTo(caseNumber);
    }
    assertThat(casesBy(id)).isEqualTo(1);
    // the same key for another report is refused, and writes nothing
    Map<String, Object> other = new HashMap<>(report);
    other.put("childFirstName", "Another");
    assertThat(helpline.post("/api/partner/reports/missing", other, "call-2291").status()).isEqualTo(422);
    assertThat(casesBy(id)).isEqualTo(1);

    // the county's caseworkers get the case as any other: its process started, named as the helpline's
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = jdbc.queryForObject("select cast(id as varchar) from child_case where case_number = ?", String.class, caseNumber);
    MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    JsonNode child = caseworker.ok(caseworker.get("/api/cases/" + caseId)).get("child");
    assertThat(child.get("reportedBy").asText()).isEqualTo("partner:" + id);
    assertThat(caseworker.page("/cases/" + caseId)).contains("Synthetic " + id);
    assertThat(jdbc.queryForObject("select count(*) from audit_log where username = ? and case_id = cast(? as uuid) and action = 'CHANGE'",
        Integer.class, "partner:" + id, caseId)).isEqualTo(1);

    // where it stands: the helpline's own case only
    JsonNode status = helpline.ok(helpline.get("/api/partner/reports/" + caseNumber));
    assertThat(status.get("caseNumber").asText()).isEqualTo(caseNumber);
    String staffCase = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Staff", 9))).get("caseNumber").asText();
    assertThat(helpline.get("/api/partner/reports/" + staffCase).status()).as("a case the partner did not report").isEqualTo(404);
  }

  @Test
  void badInputIsAProblemDetailPerFieldAndWritesNothing() {
    String id = unique("police");
    Api police = Api.partner(port, issue(id, "POLICE", "047", List.of("report:missing"), 1000));
    Map<String, Object> report = MissingChildCaseEndToEndTest.report("", 30);
    report.put("countyCode", "47");
    Api.Response refused = police.post("/api/partner/reports/missing", report, "ob-1");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    refused.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains("childFirstName", "childAge", "countyCode");
    assertThat(casesBy(id)).isZero();
    // a failed request stored no answer: the same key with a good report registers it
    Api.Response mended = police.post("/api/partner/reports/missing", MissingChildCaseEndToEndTest.report("Mended", 10), "ob-1");
    assertThat(mended.status()).as("%s", mended.body()).isEqualTo(201);
    assertThat(casesBy(id)).isEqualTo(1);
  }

  @Test
  void scopesCountyAndKeysAreEnforced() {
    String id = unique("station");
    String key = issue(id, "POLICE", "001", List.of("report:missing"), 1000);
    Api station = Api.partner(port, key);
    // not its county, not its scope
    Api.Response elsewhere = station.post("/api/partner/reports/missing", MissingChildCaseEndToEndTest.report("Elsewhere", 10), "a");
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.body().get("detail").asText()).isNotBlank();
    Map<String, Object> inItsCounty = MissingChildCaseEndToEndTest.report("Pwani", 10);
    inItsCounty.put("countyCode", "001");
    assertThat(station.post("/api/partner/reports/missing", inItsCounty, "b").status()).isEqualTo(201);
    Api.Response noScope = station.get("/api/partner/reports/MC-001-2026-000001");
    assertThat(noScope.status()).as("no report:status scope").isEqualTo(403);
    assertThat(noScope.header("WWW-Authenticate")).contains("insufficient_scope");
    assertThat(noScope.body().get("detail").asText()).contains("scopes");
    assertThat(station.post("/api/partner/reports/found", Map.of("countyCode", "001"), "c").status()).as("no report:found scope")
        .isEqualTo(403);

    // no key, a wrong key, a user's password: 401 with a Bearer challenge and a problem detail
    for (Api stranger : List.of(Api.partner(port, null), Api.partner(port, key + "x"), Api.partner(port, "mcc_" + id),
        new Api(port, "cw.nairobi"))) {
      Api.Response r = stranger.post("/api/partner/reports/missing", inItsCounty, "d");
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
      assertThat(r.body().get("status").asInt()).isEqualTo(401);
    }
    // the key opens the partner API only
    assertThat(station.get("/api/cases").status()).isEqualTo(401);
    assertThat(station.post("/api/cases", inItsCounty).status()).isEqualTo(401);
    // and users cannot manage partners
    assertThat(new Api(port, "sup.nairobi").get("/api/admin/partners").status()).isEqualTo(403);

    // a new key: the old one stops at once; revoked: none works
    String newKey = admin().ok(admin().post("/api/admin/partners/" + id + "/key", Map.of())).get("key").asText();
    assertThat(station.post("/api/partner/reports/missing", inItsCounty, "e").status()).isEqualTo(401);
    Api renewed = Api.partner(port, newKey);
    assertThat(renewed.post("/api/partner/reports/missing", inItsCounty, "b").status()).as("its earlier answer, by key").isEqualTo(201);
    assertThat(casesBy(id)).isEqualTo(1);
    JsonNode revoked = admin().ok(admin().post("/api/admin/partners/" + id + "/revoke", Map.of()));
    assertThat(revoked.get("revokedBy").asText()).isEqualTo("admin");
    assertThat(renewed.post("/api/partner/reports/missing", inItsCounty, "f").status()).isEqualTo(401);
    assertThat(admin().post("/api/admin/partners/" + id + "/key", Map.of()).status()).as("a revoked partner gets no key").isEqualTo(404);
    assertThat(jdbc.queryForObject("select count(*) from audit_log where username = 'admin' and detail like ?", Integer.class,
        "%partner%" + id + "%")).isEqualTo(3);
  }

  @Test
  void aPartnerOverItsLimitIsToldWhenToTryAgainInItsLanguage() {
    String id = unique("org");
    Api organisation = Api.partner(port, issue(id, "ORGANISATION", null, List.of("report:status"), 3)).speaking("sw-KE");
    // within one minute at most three are answered; the fourth is 429 (a minute may turn between: then a few more)
    Api.Response limited = null;
    int answered = 0;
    for (int i = 0; i < 10 && limited == null; i++) {
      Api.Response r = organisation.get("/api/partner/reports/MC-047-2026-999999");
      if (r.status() == 429) {
        limited = r;
      } else {
        assertThat(r.status()).isEqualTo(404);
        answered++;
      }
    }
    assertThat(limited).as("a 429 within ten requests").isNotNull();
    assertThat(answered).isBetween(3, 7);
    int retryAfter = Integer.parseInt(limited.header("Retry-After"));
    assertThat(retryAfter).isBetween(1, 60);
    assertThat(limited.body().get("retryAfterSeconds").asInt()).isEqualTo(retryAfter);
    assertThat(limited.body().get("detail").asText()).contains("kwa dakika", "sekunde " + retryAfter);
    // an invalid partner id is a field error, an id taken a conflict
    Map<String, Object> bad = new HashMap<>(Map.of("id", "Bad Id", "name", "x", "kind", "POLICE", "scopes", List.of("report:everything")));
    Api.Response invalid = admin().post("/api/admin/partners", bad);
    assertThat(invalid.status()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    invalid.body().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains("id", "scopes[0]");
    bad.put("id", id);
    bad.put("scopes", List.of("report:status"));
    assertThat(admin().post("/api/admin/partners", bad).status()).isEqualTo(409);
  }
}
