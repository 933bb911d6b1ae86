package ke.childprotection.it;

import static ke.childprotection.it.MissingChildCaseEndToEndTest.awaitTask;
import static ke.childprotection.it.MissingChildCaseEndToEndTest.complete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Trafficking escalation end to end: a risk assessment with trafficking indicators reaches the
 * secretariat while the child's case goes on; a second indication joins the same referral; the
 * secretariat protects the child by a pseudonym, refers, applies to the Trust Fund (documents first) and
 * the decision deadline escalates. Who may see the child is checked over the API and the pages.
 */
@IntegrationTest
class TraffickingEndToEndTest {
  private static final String NAME = "Nyawira";
  private static final String PSEUDONYM = "Child A-17";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ke.childprotection.audit.AuditLog audit;
  @Autowired ZeebeTestEngine engine;

  private String page(Api user, String path) {
    return new String(user.download(path).body(), StandardCharsets.UTF_8);
  }

  @Test
  void anEscalatedChildIsProtectedReferredAndHelpedByTheSecretariat() {
    Api caseworker = new Api(port, "cw.nairobi");
    Api otherCaseworker = new Api(port, "cw2.nairobi");
    Api supervisor = new Api(port, "sup.nairobi");
    Api otherCounty = new Api(port, "sup.mombasa");
    Api secretariat = new Api(port, "ctip");

    Map<String, Object> report = MissingChildCaseEndToEndTest.report(NAME, 14);
    report.put("relatives", "Synthetic Mother (mother)");
    String caseId = caseworker.ok(caseworker.post("/api/cases", report)).get("id").asText();
    byte[] photo = CaseDocumentsTest.png();
    String photoId = caseworker.ok(caseworker.upload("/api/cases/" + caseId + "/documents", "PHOTO", "photo.png", "image/png", photo))
        .get("id").asText();
    assertThat(secretariat.get("/api/cases/" + caseId).status()).as("not escalated: not the secretariat's").isEqualTo(404);

    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    complete(caseworker, accept, Map.of("acceptConfirmed", true));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_AssessRisk"), Map.of("withUnknownAdult", true,
        "groomingOrExploitation", true, "riskNotes", "seen leaving with a man who promised her work in Mombasa"));

    // The secretariat has its task within seconds, and the child's case has its own next step too.
    JsonNode review = awaitTask(secretariat, "UNASSIGNED", caseId, "Task_ReviewScreening");
    awaitTask(supervisor, "UNASSIGNED", caseId, "Task_ApproveAlert");
    assertThat(caseworker.ok(caseworker.get("/api/cases/" + caseId)).get("child").get("riskLevel").asText()).isEqualTo("HIGH");
    assertThat(jdbc.queryForObject("select count(*) from trafficking_referral where case_id = ?::uuid", Long.class, caseId)).isEqualTo(1);

    // A second indication (a concern raised later) joins the open referral: no second referral.
    JsonNode concern = caseworker.ok(caseworker.post("/api/cases/" + caseId + "/trafficking-concern",
        Map.of("act", true, "purpose", true, "means", false, "crossBorder", false, "notes", "a cousin says she was sold")));
    assertThat(concern.get("status").asText()).isEqualTo("screening");
    awaitTask(secretariat, "UNASSIGNED", caseId, "Task_ReviewIndication");
    assertThat(jdbc.queryForObject("select count(*) from trafficking_referral where case_id = ?::uuid", Long.class, caseId)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from trafficking_indication i join trafficking_referral r on r.id = i.referral_id where r.case_id = ?::uuid",
        Long.class, caseId)).isEqualTo(2);

    // A sighting names a place: once the child is protected, only those who know who it is see it.
    caseworker.ok(caseworker.post("/api/cases/" + caseId + "/sightings", Map.of("seenAt", java.time.OffsetDateTime.now()
        .minusHours(2).toString(), "place", "Gikomba market, stall 12", "description", "with a tall man in a red cap")));

    // The secretariat sees the child nationwide, and nothing that was not escalated.
    assertThat(secretariat.ok(secretariat.get("/api/cases/" + caseId)).get("child").get("childName").asText()).contains(NAME);
    JsonNode queue = secretariat.ok(secretariat.get("/api/secretariat/referrals"));
    JsonNode row = StreamSupport.stream(queue.spliterator(), false).filter(r -> r.get("caseId").asText().equals(caseId)).findFirst().orElseThrow();
    assertThat(row.get("county").asText()).isEqualTo("Nairobi");
    assertThat(row.get("status").asText()).isEqualTo("OPEN");
    assertThat(row.get("nextDeadline").isNull()).isFalse();
    assertThat(row.get("currentSteps").toString()).contains("Review the trafficking screening");
    List<String> listed = StreamSupport.stream(secretariat.ok(secretariat.get("/api/cases")).spliterator(), false)
        .map(c -> c.get("id").asText()).toList();
    assertThat(listed).as("the secretariat lists escalated cases only").contains(caseId)
        .hasSize(jdbc.queryForObject("select count(*) from child_case where trafficking_referral_id is not null", Integer.class));
    assertThat(supervisor.get("/api/secretariat/referrals").status()).isEqualTo(403);

    // Screening review, victim identification, protection by pseudonym.
    complete(secretariat, claim(secretariat, review), Map.of("reviewActConfirmed", true, "reviewPurposeConfirmed", true,
        "reviewScope", "IN_COUNTRY", "reviewNotes", "recruited for domestic work"));
    complete(secretariat, claim(secretariat, awaitTask(secretariat, "UNASSIGNED", caseId, "Task_IdentifyVictim")),
        Map.of("victimIdentified", true, "exploitationForm", "DOMESTIC_SERVITUDE", "identificationReasons", "wages withheld, movement restricted"));
    JsonNode protection = claim(secretariat, awaitTask(secretariat, "UNASSIGNED", caseId, "Task_ProtectionMeasures"));
    assertThat(secretariat.post("/api/tasks/" + protection.get("id").asLong() + "/complete", Map.of("restrictAccess", true,
        "witnessProtectionReferral", false)).status()).as("a pseudonym is required for restricted access").isEqualTo(400);
    complete(secretariat, protection, Map.of("restrictAccess", true, "pseudonym", PSEUDONYM, "witnessProtectionReferral", true));
    await().atMost(Duration.ofSeconds(20)).until(() -> PSEUDONYM.equals(
        jdbc.queryForObject("select pseudonym from child_case where id = ?::uuid", String.class, caseId)));

    // Once pseudonymised: another county does not see the case at all; a caseworker of the county who
    // is not assigned, and the county's supervisor, see the pseudonym only: no name, photo or documents.
    String photoPath = "/api/cases/" + caseId + "/documents/" + photoId;
    assertThat(otherCounty.get("/api/cases/" + caseId).status()).isEqualTo(404);
    assertThat(otherCounty.download(photoPath).statusCode()).isEqualTo(404);
    assertThat(page(otherCounty, "/cases/" + caseId)).doesNotContain(NAME).doesNotContain(PSEUDONYM);
    for (Api notAssigned : List.of(otherCaseworker, supervisor)) {
      JsonNode child = notAssigned.ok(notAssigned.get("/api/cases/" + caseId)).get("child");
      assertThat(child.get("childName").asText()).isEqualTo(PSEUDONYM);
      assertThat(child.toString()).doesNotContain(NAME).doesNotContain("Synthetic Mother").doesNotContain("Synthetic Parent");
      assertThat(child.get("identityProtected").asBoolean()).isTrue();
      assertThat(notAssigned.ok(notAssigned.get("/api/cases")).toString()).doesNotContain(NAME + " Synthetic").contains(PSEUDONYM);
      assertThat(notAssigned.download(photoPath).statusCode()).isEqualTo(403);
      assertThat(notAssigned.get("/api/cases/" + caseId + "/documents").status()).isEqualTo(403);
      String casePage = page(notAssigned, "/cases/" + caseId);
      assertThat(casePage).contains(PSEUDONYM).doesNotContain(NAME).doesNotContain(photoId).contains("identity-protected");
      assertThat(page(notAssigned, "/cases")).contains(PSEUDONYM).doesNotContain(NAME);
    }
    for (Api notAssigned : List.of(otherCaseworker, supervisor)) {
      String timeline = notAssigned.ok(notAssigned.get("/api/cases/" + caseId + "/timeline")).toString();
      assertThat(timeline).as("the timeline withholds places and sightings").doesNotContain("Gikomba").doesNotContain("red cap")
          .contains("withheld");
      assertThat(page(notAssigned, "/cases/" + caseId)).doesNotContain("Gikomba");
    }
    assertThat(caseworker.ok(caseworker.get("/api/cases/" + caseId + "/timeline")).toString()).contains("Gikomba");
    // (task form data of a protected child: ProtectedTaskDataTest, with a form that shows earlier free text;
    // this case's open county task keeps only the variables its form refers to, none of them free text)

    // A found child registered with the protected child's name: nothing of the protected child is offered
    // to the county; the possible match goes to the secretariat.
    String foundId = otherCaseworker.ok(otherCaseworker.post("/api/cases/found", MatchingEndToEndTest.found(NAME, "Synthetic", 14, true)))
        .get("id").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> secretariat.ok(secretariat.get("/api/notifications")).toString()
        .contains("Possible match for protected child " + PSEUDONYM));
    String protectedNumber = jdbc.queryForObject("select case_number from child_case where id = ?::uuid", String.class, caseId);
    assertThat(jdbc.queryForList("select variables from engine_command where case_id = ?::uuid and message_name = 'match-proposed'",
        String.class, foundId)).as("no match proposal of the protected child to the found child's caseworker")
        .noneMatch(v -> v.contains(protectedNumber) || v.contains(PSEUDONYM));
    assertThat(otherCaseworker.ok(otherCaseworker.get("/api/notifications")).toString()).doesNotContain(PSEUDONYM);

    // The assigned caseworker and the secretariat still see the child.
    assertThat(caseworker.ok(caseworker.get("/api/cases/" + caseId)).get("child").get("childName").asText()).contains(NAME);
    assertThat(caseworker.download(photoPath).statusCode()).isEqualTo(200);
    assertThat(page(secretariat, "/cases/" + caseId)).contains(NAME).contains(photoId);
    audit.flush(); // reads are written by the audit writer a moment later
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ?::uuid and username = 'cw2.nairobi' and action = 'READ'",
        Long.class, caseId)).as("every access is audited").isGreaterThanOrEqualTo(4);

    // Referrals: a safe-house placement goes back to the child's case.
    complete(secretariat, claim(secretariat, awaitTask(secretariat, "UNASSIGNED", caseId, "Task_PlanReferrals")),
        Map.of("referralsNeeded", List.of("SAFE_HOUSE"), "applyToTrustFund", true));
    complete(secretariat, claim(secretariat, awaitTask(secretariat, "UNASSIGNED", caseId, "Task_MakeReferral")),
        Map.of("referralOrganisation", "a safe house in Nakuru", "referralDate", "2026-11-24", "referralOutcome", "PLACED"));
    await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
        "select count(*) from notification where case_id = ?::uuid and reason = 'TRAFFICKING_UPDATE' and message like '%safe house%'",
        Long.class, caseId) == 1);
    assertThat(page(caseworker, "/cases/" + caseId)).contains("Placed in a safe house").contains("Identified as a victim of trafficking");

    // Trust Fund: the documents the DMN asks for must be uploaded before the application goes in.
    complete(secretariat, claim(secretariat, awaitTask(secretariat, "UNASSIGNED", caseId, "Task_PrepareTrustFundApplication")),
        Map.of("assistanceTypes", List.of("MEDICAL"), "applicantType", "VICTIM_OR_GUARDIAN", "eligibleIdentifiedVictim", true,
            "eligibleNeedNotMet", true, "eligibleConsent", true, "amountRequested", 20000, "applicationJustification", "treatment"));
    JsonNode submit = claim(secretariat, awaitTask(secretariat, "UNASSIGNED", caseId, "Task_SubmitTrustFundApplication"));
    Map<String, Object> submission = Map.of("documentsConfirmed", true, "applicationSubmittedOn", "2026-11-25");
    Api.Response incomplete = secretariat.post("/api/tasks/" + submit.get("id").asLong() + "/complete", submission);
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.body().get("errors").get(0).get("field").asText()).isEqualTo("requiredDocuments");
    assertThat(incomplete.body().get("errors").get(0).get("message").asText()).contains("Medical report").contains("Cost estimate");
    assertThat(page(secretariat, "/tasks/" + submit.get("id").asLong())).contains("required-documents").contains("Medical report");
    for (String kind : List.of("VICTIM_IDENTIFICATION", "AGE_ASSESSMENT", "MEDICAL_REPORT")) {
      secretariat.ok(secretariat.upload("/api/cases/" + caseId + "/documents", kind, kind + ".pdf", "application/pdf", CaseDocumentsTest.PDF));
    }
    assertThat(secretariat.post("/api/tasks/" + submit.get("id").asLong() + "/complete", submission).status())
        .as("one document still missing").isEqualTo(400);
    secretariat.ok(secretariat.upload("/api/cases/" + caseId + "/documents", "COST_ESTIMATE", "quote.pdf", "application/pdf", CaseDocumentsTest.PDF));
    complete(secretariat, submit, submission);
    awaitTask(secretariat, "UNASSIGNED", caseId, "Task_TrustFundDecision");
    assertThat(otherCaseworker.get("/api/cases/" + caseId + "/documents").status()).as("documents stay hidden").isEqualTo(403);

    // The Fund does not decide within its deadline: the secretariat gets a task to chase it.
    engine.increaseTime(Duration.ofDays(31));
    awaitTask(secretariat, "UNASSIGNED", caseId, "Task_ChaseTrustFundDecision");
    JsonNode dashboard = secretariat.ok(secretariat.get("/api/secretariat/dashboard"));
    assertThat(dashboard.get("victimsIdentified").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(dashboard.get("trustFundByOutcome").get("APPLIED").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(dashboard.get("openByStage").get("Record the Trust Fund decision").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(page(secretariat, "/secretariat")).contains("TIP-").contains(NAME).contains("Record the Trust Fund decision");
  }

  private static JsonNode claim(Api user, JsonNode task) {
    user.ok(user.post("/api/tasks/" + task.get("id").asLong() + "/claim", null));
    return task;
  }
}
