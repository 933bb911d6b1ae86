package ke.childprotection.it;

import static ke.childprotection.it.MissingChildCaseEndToEndTest.awaitTask;
import static ke.childprotection.it.MissingChildCaseEndToEndTest.complete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Found ↔ missing matching through the API, with the real matcher, processes and PostgreSQL. */
@IntegrationTest
class MatchingEndToEndTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private static Map<String, Object> missing(String first, String last, int age, boolean consentTracing) {
    Map<String, Object> report = MissingChildCaseEndToEndTest.report(first, age);
    report.put("childLastName", last);
    report.put("consentTracing", consentTracing);
    return report;
  }

  static Map<String, Object> found(String first, String last, int apparentAge, boolean consentTracing) {
    Map<String, Object> found = new HashMap<>();
    found.put("countyCode", "047");
    found.put("childFirstName", first);
    found.put("childLastName", last);
    found.put("childSex", "FEMALE");
    found.put("apparentAge", apparentAge);
    found.put("foundAt", OffsetDateTime.now().minusHours(1).toString());
    found.put("foundPlace", "Kibra, near Toi market");
    found.put("languages", "Kiswahili, Kikuyu");
    found.put("foundByName", "Synthetic Officer");
    found.put("foundByPhone", "+254700000004");
    found.put("foundByRole", "POLICE");
    found.put("consentTracing", consentTracing);
    return found;
  }

  @Test
  void aLikelyMatchConfirmedByTheCaseworkerLocatesTheMissingChildAndLinksBothCases() {
    Api caseworker = new Api(port, "cw.nairobi");
    JsonNode report = caseworker.ok(caseworker.post("/api/cases", missing("Wanjiru", "Kamau", 13, true)));
    JsonNode withoutConsent = caseworker.ok(caseworker.post("/api/cases", missing("Wanjiru", "Kamau", 13, false)));
    String missingId = report.get("id").asText();
    awaitTask(caseworker, "UNASSIGNED", missingId, "Task_AcceptCase");

    // Misspelt first name, apparent age one year off.
    JsonNode foundChild = caseworker.ok(caseworker.post("/api/cases/found", found("Wanjiro", "Kamau", 14, true)));
    String foundId = foundChild.get("id").asText();
    assertThat(foundChild.get("caseNumber").asText()).startsWith("FC-047-");
    JsonNode verify = awaitTask(caseworker, "UNASSIGNED", foundId, "Task_VerifyMatch");
    JsonNode options = caseworker.ok(caseworker.get("/api/tasks/" + verify.get("id").asLong() + "/form")).get("data").get("matchOptions");
    JsonNode ours = StreamSupport.stream(options.spliterator(), false)
        .filter(o -> o.get("label").asText().contains(report.get("caseNumber").asText())).findFirst().orElseThrow();
    assertThat(ours.get("label").asText()).startsWith("LIKELY");
    assertThat(options.toString()).as("a report without tracing consent is never proposed")
        .doesNotContain(withoutConsent.get("caseNumber").asText());

    // The found child's page says a likely match waits; the task shows both children side by side.
    assertThat(caseworker.page("/cases/" + foundId)).contains("A likely match waits for verification", report.get("caseNumber").asText());
    String compare = caseworker.page("/tasks/" + verify.get("id").asLong());
    assertThat(compare).contains("Compare the children", "Found child", "Likely match", report.get("caseNumber").asText(),
        "Why proposed", "<dd>Wanjiro Kamau</dd>", "<dd>Wanjiru Kamau</dd>");
    caseworker.ok(caseworker.post("/api/tasks/" + verify.get("id").asLong() + "/claim", null));
    assertThat(caseworker.post("/api/tasks/" + verify.get("id").asLong() + "/complete",
        Map.of("matchDecision", "999999", "matchVerificationNotes", "not an offered option")).status()).isEqualTo(400);
    complete(caseworker, verify, Map.of("matchDecision", ours.get("value").asText(),
        "matchVerificationNotes", "the mother identified her from a photo and a scar on the left hand"));

    await().atMost(Duration.ofSeconds(20)).until(() ->
        "LOCATED".equals(caseworker.ok(caseworker.get("/api/cases/" + missingId)).get("child").get("status").asText()));
    assertThat(caseworker.ok(caseworker.get("/api/cases/" + missingId)).get("child").get("linkedCaseId").asText()).isEqualTo(foundId);
    assertThat(caseworker.ok(caseworker.get("/api/cases/" + foundId)).get("child").get("linkedCaseId").asText()).isEqualTo(missingId);
    assertThat(jdbc.queryForObject("select status from match_candidate where found_case_id = ?::uuid and missing_case_id = ?::uuid",
        String.class, foundId, missingId)).isEqualTo("CONFIRMED");

    // The missing-child case, located before anyone accepted it, goes straight to identity verification:
    // no acceptance, no risk assessment, no alert decision.
    // (The interrupted acceptance leaves the tasklist when the engine's mirror reads the interruption:
    // within its poll interval of the new step.)
    JsonNode identity = awaitTask(caseworker, "UNASSIGNED", missingId, "Task_VerifyIdentity");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(caseworker.ok(caseworker.get("/api/cases/" + missingId)).get("currentSteps").toString())
            .doesNotContain("Task_AcceptCase").doesNotContain("Task_ApproveAlert").doesNotContain("Task_AssessRisk")
            .contains("Task_VerifyIdentity"));
    assertThat(caseworker.ok(caseworker.get("/api/tasks/" + identity.get("id").asLong() + "/form")).get("data")
        .get("locatedSummary").asText()).contains(foundChild.get("caseNumber").asText());
  }

  @Test
  void aFoundChildWithoutTracingConsentIsNeverMatched() {
    Api caseworker = new Api(port, "cw.nairobi");
    caseworker.ok(caseworker.post("/api/cases", missing("Achieng", "Otieno", 11, true)));
    String foundId = caseworker.ok(caseworker.post("/api/cases/found", found("Achieng", "Otieno", 11, false))).get("id").asText();
    awaitTask(caseworker, "UNASSIGNED", foundId, "Task_PlaceOfSafety");
    // The matching step has run (it comes before the place of safety) and proposed nothing.
    assertThat(StreamSupport.stream(caseworker.ok(caseworker.get("/api/cases/" + foundId + "/timeline")).spliterator(), false)
        .filter(e -> "Task_FindMatches".equals(e.path("elementId").asText()))
        .map(e -> e.get("detail").asText())).containsExactly("no candidate");
    assertThat(jdbc.queryForObject("select count(*) from match_candidate where found_case_id = ?::uuid", Long.class, foundId)).isZero();
    assertThat(StreamSupport.stream(caseworker.ok(caseworker.get("/api/tasks?view=UNASSIGNED")).spliterator(), false)
        .noneMatch(t -> t.get("caseId").asText().equals(foundId) && t.get("elementId").asText().equals("Task_VerifyMatch"))).isTrue();
  }

  @Test
  void correctingARecordMatchesItAgainAndAWithdrawnConsentWithdrawsItsProposals() {
    Api caseworker = new Api(port, "cw.nairobi");
    JsonNode report = caseworker.ok(caseworker.post("/api/cases", missing("Nyokabi", "Wambui", 9, true)));
    // Registered without tracing consent and under the name a neighbour gave: nothing proposed.
    JsonNode foundChild = caseworker.ok(caseworker.post("/api/cases/found", found("Mary", "Atieno", 9, false)));
    String foundId = foundChild.get("id").asText();
    awaitTask(caseworker, "UNASSIGNED", foundId, "Task_PlaceOfSafety");
    assertThat(jdbc.queryForObject("select count(*) from match_candidate where found_case_id = ?::uuid", Long.class, foundId)).isZero();

    String record = "/api/cases/" + foundId + "/record";
    long version = caseworker.ok(caseworker.get("/api/cases/" + foundId)).get("child").get("version").asLong();
    Map<String, Object> correction = new HashMap<>(Map.of("version", version, "childFirstName", "Nyokabe",
        "childLastName", "Wambui", "childSex", "FEMALE", "childAge", 9, "place", "Kibra, near Toi market",
        "languages", "Kiswahili, Kikuyu", "consentTracing", true, "consentPublicity", false));
    Api.Response noReason = caseworker.put(record, correction);
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body().get("errors").get(0).get("field").asText()).isEqualTo("reason");
    correction.put("reason", "the child gave her name to the social worker; the guardian consents to tracing");
    assertThat(new Api(port, "cw.mombasa").put(record, correction).status()).as("another county").isEqualTo(404);
    JsonNode corrected = caseworker.ok(caseworker.put(record, correction));
    assertThat(corrected.get("childName").asText()).isEqualTo("Nyokabe Wambui");
    assertThat(caseworker.put(record, correction).status()).as("the version it corrected is gone").isEqualTo(409);

    // The corrected record is matched again: the misspelt name now yields a likely match to verify.
    JsonNode verify = awaitTask(caseworker, "UNASSIGNED", foundId, "Task_VerifyMatch");
    JsonNode options = caseworker.ok(caseworker.get("/api/tasks/" + verify.get("id").asLong() + "/form")).get("data").get("matchOptions");
    assertThat(StreamSupport.stream(options.spliterator(), false).map(o -> o.get("label").asText())
        .filter(l -> l.contains(report.get("caseNumber").asText()))).singleElement().asString().startsWith("LIKELY");
    JsonNode correctedEvent = StreamSupport.stream(caseworker.ok(caseworker.get("/api/cases/" + foundId + "/timeline")).spliterator(), false)
        .filter(e -> "RECORD_CORRECTED".equals(e.get("kind").asText())).findFirst().orElseThrow();
    assertThat(correctedEvent.get("detail").asText()).isEqualTo("name, tracing consent given").doesNotContain("Nyokab");
    assertThat(jdbc.queryForObject("select detail from audit_log where case_id = ?::uuid and action = 'CHANGE' and detail like 'corrected%'",
        String.class, foundId)).contains("reason: the child gave her name");

    // The family withdraws its consent to tracing: the open proposal is withdrawn, never to be confirmed.
    String missingId = report.get("id").asText();
    JsonNode missingRecord = caseworker.ok(caseworker.get("/api/cases/" + missingId)).get("child");
    Map<String, Object> withdrawal = new HashMap<>(Map.of("version", missingRecord.get("version").asLong(),
        "childFirstName", "Nyokabi", "childLastName", "Wambui", "childSex", "FEMALE", "childAge", 9,
        "place", missingRecord.get("lastSeenPlace").asText(), "consentTracing", false, "consentPublicity", false,
        "reason", "the mother withdrew consent to tracing"));
    caseworker.ok(caseworker.put("/api/cases/" + missingId + "/record", withdrawal));
    assertThat(jdbc.queryForObject("select status from match_candidate where found_case_id = ?::uuid and missing_case_id = ?::uuid",
        String.class, foundId, missingId)).isEqualTo("WITHDRAWN");
  }
}
