package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import ke.childprotection.alert.AlertRepository;
import ke.childprotection.notification.NotificationRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A missing-child case from report to closure, driven only through the HTTP API by the demo
 * caseworker and supervisor, with the real engine, workers and PostgreSQL. The engine's clock is
 * moved forward where the process waits for a timer.
 */
@IntegrationTest
class MissingChildCaseEndToEndTest {
  @LocalServerPort int port;
  @Autowired ZeebeTestEngine engine;
  @Autowired AlertRepository alerts;
  @Autowired NotificationRepository notifications;
  @Autowired JdbcTemplate jdbc;
  @Autowired ke.childprotection.audit.AuditLog audit;

  Api caseworker;
  Api supervisor;
  Api otherCounty;

  @BeforeEach
  void users() {
    caseworker = new Api(port, "cw.nairobi");
    supervisor = new Api(port, "sup.nairobi");
    otherCounty = new Api(port, "cw.mombasa");
  }

  static Map<String, Object> report(String firstName, int age) {
    Map<String, Object> report = new HashMap<>();
    report.put("countyCode", "047");
    report.put("subCounty", "Kibra");
    report.put("childFirstName", firstName);
    report.put("childLastName", "Synthetic");
    report.put("childSex", "FEMALE");
    report.put("childAge", age);
    report.put("lastSeenAt", OffsetDateTime.now().minusHours(3).toString());
    report.put("lastSeenPlace", "Toi market, Kibra");
    report.put("clothingAndMarks", "green school uniform");
    report.put("disabilityOrMedicalNeed", false);
    report.put("suspectedAbduction", false);
    report.put("circumstances", "did not come home from school");
    report.put("reporterName", "Synthetic Parent");
    report.put("reporterPhone", "+254700000001");
    report.put("reporterRelationship", "PARENT");
    report.put("consentPublicity", true);
    report.put("consentTracing", true);
    return report;
  }

  /** Waits for the one open task of the case at the element, as the user sees it in the given view. */
  static JsonNode awaitTask(Api user, String view, String caseId, String elementId) {
    JsonNode[] found = new JsonNode[1];
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (JsonNode task : user.ok(user.get("/api/tasks?view=" + view))) {
        if (task.get("caseId").asText().equals(caseId) && task.get("elementId").asText().equals(elementId)) {
          found[0] = task;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** The caseworker accepts the reported case; returns its "Start the search" task. */
  static JsonNode accepted(Api caseworker, String caseId) {
    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    complete(caseworker, accept, Map.of("acceptConfirmed", true));
    return awaitTask(caseworker, "MINE", caseId, "Task_StartSearch");
  }

  static void complete(Api user, JsonNode task, Map<String, Object> data) {
    user.ok(user.post("/api/tasks/" + task.get("id").asLong() + "/complete", data));
  }

  void passTime(Duration duration) {
    engine.increaseTime(duration);
  }

  @Test
  void aCaseGoesFromReportToClosureAndItsTimelineShowsEveryStep() {
    JsonNode created = caseworker.ok(caseworker.post("/api/cases", report("Amani", 9)));
    String caseId = created.get("id").asText();
    assertThat(created.get("caseNumber").asText()).matches("MC-047-\\d{4}-\\d{6}");

    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    assertThat(accept.get("due")).as("assignment SLA shown as due date").isNotNull();
    assertThat(otherCounty.ok(otherCounty.get("/api/tasks?view=UNASSIGNED"))).as("other county's list").isEmpty();
    assertThat(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/complete", Map.of("acceptConfirmed", true)).status())
        .as("completing an unclaimed task").isEqualTo(409);
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    complete(caseworker, accept, Map.of("acceptConfirmed", true, "acceptanceNote", "on it"));

    // The search starts at once, alongside the risk assessment.
    JsonNode firstActions = awaitTask(caseworker, "MINE", caseId, "Task_StartSearch");
    assertThat(caseworker.ok(caseworker.get("/api/tasks/" + firstActions.get("id").asLong() + "/form")).get("data").get("firstActions").toString())
        .contains("TRANSPORT_HUBS");
    complete(caseworker, firstActions, Map.of("firstActionsTaken", List.of("POLICE_OB", "AREA_SEARCH", "CONTACTS"),
        "searchActions", "OB 14/01/12/2026 Kilimani; searched the way home with the uncle", "nextSteps", "hospitals, matatu stage"));
    JsonNode assess = awaitTask(caseworker, "MINE", caseId, "Task_AssessRisk");
    assertThat(assess.get("assignee").asText()).isEqualTo("cw.nairobi");
    complete(caseworker, assess, Map.of("withUnknownAdult", true, "riskNotes", "neighbour saw her leave with a man"));

    JsonNode approveAlert = awaitTask(supervisor, "UNASSIGNED", caseId, "Task_ApproveAlert");
    supervisor.ok(supervisor.post("/api/tasks/" + approveAlert.get("id").asLong() + "/claim", null));
    complete(supervisor, approveAlert, Map.of("alertApproved", true, "alertDecisionReason", "high risk and parent consents"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !alerts.findByCaseId(java.util.UUID.fromString(caseId)).isEmpty());

    passTime(Duration.ofHours(25));
    JsonNode review = awaitTask(caseworker, "MINE", caseId, "Task_ReviewSearch");
    complete(caseworker, review, Map.of("searchActions", "checked Kenyatta hospital and the matatu stage", "searchOutcome", "CONTINUE",
        "nextSteps", "radio appeal"));

    caseworker.ok(caseworker.post("/api/cases/" + caseId + "/sightings", Map.of("seenAt", OffsetDateTime.now().minusMinutes(30).toString(),
        "place", "Gikomba market", "description", "girl in green uniform seen with an adult man")));
    JsonNode sighting = awaitTask(caseworker, "MINE", caseId, "Task_FollowUpSighting");
    assertThat(caseworker.ok(caseworker.get("/api/tasks/" + sighting.get("id").asLong() + "/form")).get("data").get("lastSightingSummary").asText())
        .contains("Gikomba market");

    // Located while the sighting follow-up is open: that task is interrupted and leaves the list.
    caseworker.ok(caseworker.post("/api/cases/" + caseId + "/located", Map.of("locatedAt", OffsetDateTime.now().toString(),
        "place", "Central police station", "how", "FOUND")));
    JsonNode verify = awaitTask(caseworker, "MINE", caseId, "Task_VerifyIdentity");
    await().atMost(Duration.ofSeconds(20)).until(() -> StreamSupport.stream(caseworker.ok(caseworker.get("/api/tasks?view=MINE")).spliterator(), false)
        .noneMatch(t -> t.get("id").asLong() == sighting.get("id").asLong()));
    assertThat(caseworker.post("/api/tasks/" + sighting.get("id").asLong() + "/complete",
        Map.of("sightingActionTaken", "late", "sightingOutcome", "UNVERIFIED")).status()).isEqualTo(409);

    // The published alert comes down: the supervisor confirms it is down everywhere it went.
    JsonNode takeDown = awaitTask(supervisor, "UNASSIGNED", caseId, "Task_TakeDownAlert");
    assertThat(supervisor.ok(supervisor.get("/api/tasks/" + takeDown.get("id").asLong() + "/form")).get("data").get("alertWithdrawnFrom").asText())
        .isEqualTo("county-portal");
    assertThat(alerts.findByCaseId(java.util.UUID.fromString(caseId))).allSatisfy(a -> assertThat(a.getWithdrawnAt()).isNotNull());
    supervisor.ok(supervisor.post("/api/tasks/" + takeDown.get("id").asLong() + "/claim", null));
    complete(supervisor, takeDown, Map.of("channelsTakenDown", List.of("county-portal"), "takeDownNotes", "listing gone, radio told"));

    complete(caseworker, verify, Map.of("identityConfirmed", true, "verificationMethod", "PARENT_IDENTIFIED"));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_ReturnInterview"), Map.of("interviewDate", "2026-11-24",
        "reasonForGoingMissing", "was lured by a man promising work", "homeSafe", true));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_FamilyAssessment"), Map.of("homeVisitDate", "2026-11-24",
        "householdMembers", "mother and a brother", "livingConditions", "one room in Kibra, mother works at a salon",
        "protectiveFactors", "aunt next door", "familyRisks", "none found", "familySuitable", true));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_PrepareChild"), Map.of("childPreparedOn", "2026-11-25",
        "childViews", "wants to go home and to school", "childAgreesToReturn", true));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_PrepareFamily"), Map.of("familyPreparedOn", "2026-11-25",
        "familyCommitments", "walk her to school, report any stranger"));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_ReferToServices"), Map.of("servicesReferred",
        java.util.List.of("SCHOOL", "PSYCHOSOCIAL")));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_RecordReunification"), Map.of("reunifiedOn", "2026-11-25",
        "reunifiedWith", "mother", "witnessedBy", "assistant chief", "reunificationPlace", "Kibra"));

    passTime(Duration.ofDays(14).plusHours(1));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_FollowUpVisit"), Map.of("visitDate", "2026-12-09",
        "childWellbeing", "WELL", "visitNotes", "back in school, attends counselling"));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_RequestClosure"),
        Map.of("closureSummary", "child reunified with mother, follow-up visit found her well"));

    JsonNode approveClosure = awaitTask(supervisor, "UNASSIGNED", caseId, "Task_ApproveClosure");
    supervisor.ok(supervisor.post("/api/tasks/" + approveClosure.get("id").asLong() + "/claim", null));
    Api.Response missingReason = supervisor.post("/api/tasks/" + approveClosure.get("id").asLong() + "/complete", Map.of("closureApproved", false));
    assertThat(missingReason.status()).isEqualTo(400);
    assertThat(missingReason.body().get("errors").get(0).get("field").asText()).isEqualTo("closureRejectionReason");
    complete(supervisor, approveClosure, Map.of("closureApproved", false, "closureRejectionReason", "attach the school's attendance report"));

    JsonNode again = awaitTask(caseworker, "MINE", caseId, "Task_RequestClosure");
    assertThat(caseworker.ok(caseworker.get("/api/tasks/" + again.get("id").asLong() + "/form")).get("data").get("closureRejectionReason").asText())
        .isEqualTo("attach the school's attendance report");
    complete(caseworker, again, Map.of("closureSummary", "child reunified; school confirms daily attendance since return"));
    JsonNode approveAgain = awaitTask(supervisor, "UNASSIGNED", caseId, "Task_ApproveClosure");
    supervisor.ok(supervisor.post("/api/tasks/" + approveAgain.get("id").asLong() + "/claim", null));
    complete(supervisor, approveAgain, Map.of("closureApproved", true));

    await().atMost(Duration.ofSeconds(20)).until(() ->
        "CLOSED".equals(caseworker.ok(caseworker.get("/api/cases/" + caseId)).get("child").get("status").asText()));
    JsonNode details = caseworker.ok(caseworker.get("/api/cases/" + caseId));
    assertThat(details.get("currentSteps")).isEmpty();
    assertThat(details.get("child").get("caseworker").asText()).isEqualTo("cw.nairobi");

    List<String> completed = new ArrayList<>();
    Map<String, String> actorOf = new HashMap<>();
    for (JsonNode entry : details.get("timeline")) {
      assertThat(entry.get("at").asText()).isNotBlank();
      if (entry.get("kind").asText().equals("STEP_COMPLETED") || entry.get("kind").asText().equals("CLOSED")) {
        completed.add(entry.get("elementId").asText());
        actorOf.put(entry.get("elementId").asText(), entry.get("actor").asText());
      }
    }
    assertThat(completed).containsSubsequence("Task_RegisterCase", "Task_AcceptCase", "Task_StartSearch", "Task_AssessRisk", "Task_ApproveAlert",
        "Task_PublishAlert", "Task_ReviewSearch", "Task_WithdrawAlert", "Task_TakeDownAlert", "Task_VerifyIdentity", "Task_ReturnInterview", "Task_FamilyAssessment", "Task_ReferToServices", "Task_RecordReunification",
        "Task_FollowUpVisit", "Task_RequestClosure", "Task_ApproveClosure", "Task_RequestClosure", "Task_ApproveClosure",
        "Task_CloseCase");
    assertThat(actorOf).containsEntry("Task_AcceptCase", "cw.nairobi").containsEntry("Task_ApproveAlert", "sup.nairobi")
        .containsEntry("Task_ApproveClosure", "sup.nairobi").containsEntry("Task_RegisterCase", "system");
    Set<String> kinds = StreamSupport.stream(details.get("timeline").spliterator(), false)
        .map(e -> e.get("kind").asText()).collect(Collectors.toSet());
    assertThat(kinds).contains("REPORTED", "SIGHTING_REPORTED", "CHILD_LOCATED", "STEP_INTERRUPTED", "CLOSED");

    audit.flush(); // reads are written by the audit writer a moment later
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ?::uuid and action = 'READ'", Long.class, caseId))
        .as("reads of the child's record are audited").isPositive();
  }

  @Test
  void otherCountiesAndOtherRolesCannotSeeOrReport() {
    String caseId = caseworker.ok(caseworker.post("/api/cases", report("Zawadi", 12))).get("id").asText();
    assertThat(otherCounty.get("/api/cases/" + caseId).status()).isEqualTo(404);
    assertThat(otherCounty.get("/api/cases/" + caseId + "/timeline").status()).isEqualTo(404);
    assertThat(otherCounty.ok(otherCounty.get("/api/cases"))).isEmpty();
    assertThat(new Api(port, "ctip").post("/api/cases", report("Neema", 10)).status()).isEqualTo(403);
    assertThat(otherCounty.post("/api/cases", report("Neema", 10)).status()).as("reporting into another county").isEqualTo(403);
    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    assertThat(otherCounty.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null).status()).isEqualTo(404);
    assertThat(supervisor.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null).status())
        .as("a supervisor is not a candidate for a caseworker's task").isEqualTo(403);
    assertThat(caseworker.get("/api/tasks/999999").status()).isEqualTo(404);
    assertThat(caseworker.get("/api/cases/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    assertThat(new Api(port, "nobody").get("/api/cases").status()).isEqualTo(401);
  }

  @Test
  void invalidReportIsRefusedWithFieldErrorsAndWritesNothing() {
    long before = jdbc.queryForObject("select count(*) from child_case", Long.class);
    Map<String, Object> bad = report("", 25);
    bad.put("childSex", "X");
    bad.put("reporterPhone", "call me");
    Api.Response response = caseworker.post("/api/cases", bad);
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("title").asText()).isEqualTo("Invalid input");
    Set<String> fields = StreamSupport.stream(response.body().get("errors").spliterator(), false)
        .map(e -> e.get("field").asText()).collect(Collectors.toSet());
    assertThat(fields).containsExactlyInAnyOrder("childFirstName", "childAge", "childSex", "reporterPhone");
    assertThat(caseworker.post("/api/cases", "not json").status()).isEqualTo(400);
    assertThat(jdbc.queryForObject("select count(*) from child_case", Long.class)).isEqualTo(before);
  }

  @Test
  void supervisorIsNotifiedOnceWhenNobodyAcceptsInTime() {
    String caseId = caseworker.ok(caseworker.post("/api/cases", report("Imani", 7))).get("id").asText();
    awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    passTime(Duration.ofMinutes(61));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        notifications.findByCaseId(java.util.UUID.fromString(caseId)).size() == 1);
    JsonNode mine = supervisor.ok(supervisor.get("/api/notifications"));
    assertThat(StreamSupport.stream(mine.spliterator(), false).anyMatch(n ->
        n.get("caseId").asText().equals(caseId) && n.get("reason").asText().equals("ASSIGNMENT_SLA_BREACHED"))).isTrue();
    assertThat(otherCounty.ok(otherCounty.get("/api/notifications"))).isEmpty();
    // The accept task is still there: the reminder does not interrupt it.
    awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
  }

  @Test
  void aChildMissingAgainIsProposedByTheMatchersEvidenceAndLinkedOnlyWhenTheCaseworkerConfirms() {
    JsonNode first = caseworker.ok(caseworker.post("/api/cases", report("Jabali", 12)));
    caseworker.ok(caseworker.post("/api/cases/" + first.get("id").asText() + "/located", Map.of(
        "locatedAt", OffsetDateTime.now().toString(), "place", "his grandmother's home", "how", "RETURNED_HOME")));

    // Months later: the same names, a year older, last seen at the same place.
    String again = caseworker.ok(caseworker.post("/api/cases", report("Jabali", 13))).get("id").asText();
    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", again, "Task_AcceptCase");
    JsonNode details = caseworker.ok(caseworker.get("/api/cases/" + again));
    assertThat(details.get("child").get("proposedPreviousCaseId").asText()).isEqualTo(first.get("id").asText());
    assertThat(details.get("child").hasNonNull("previousCaseId")).as("nothing is linked before the caseworker says so").isFalse();
    assertThat(details.get("child").path("possibleDuplicates").isMissingNode() || details.get("child").get("possibleDuplicates").isNull())
        .as("an ended episode is not a duplicate report").isTrue();

    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    complete(caseworker, accept, Map.of("acceptConfirmed", true));
    JsonNode assess = awaitTask(caseworker, "MINE", again, "Task_AssessRisk");
    JsonNode data = caseworker.ok(caseworker.get("/api/tasks/" + assess.get("id").asLong() + "/form")).get("data");
    assertThat(data.get("earlierEpisodeCaseNumber").asText()).isEqualTo(first.get("caseNumber").asText());
    assertThat(data.get("earlierEpisodeEvidence").asText()).contains("other names agree").contains("same place last seen");
    Api.Response unanswered = caseworker.post("/api/tasks/" + assess.get("id").asLong() + "/complete", Map.of("riskNotes", "older now"));
    assertThat(unanswered.status()).isEqualTo(400);
    assertThat(unanswered.body().get("errors").get(0).get("field").asText()).isEqualTo("earlierEpisode");
    complete(caseworker, assess, Map.of("earlierEpisode", "SAME", "riskNotes", "the grandmother confirms he left before"));

    await().atMost(Duration.ofSeconds(30)).until(() ->
        first.get("id").asText().equals(caseworker.ok(caseworker.get("/api/cases/" + again)).get("child").path("previousCaseId").asText()));
    // Confirmed as gone missing before: the risk policy table raises the level to at least MEDIUM.
    await().atMost(Duration.ofSeconds(30)).until(() ->
        "MEDIUM".equals(caseworker.ok(caseworker.get("/api/cases/" + again)).get("child").path("riskLevel").asText()));
  }

  @Test
  void anotherChildWithTheSameFirstNameSexAndAgeIsNeverProposedAsAnEarlierEpisode() {
    Map<String, Object> earlier = report("Baraka", 12);
    earlier.put("childLastName", "Mutua");
    earlier.put("lastSeenPlace", "Kangemi market");
    JsonNode first = caseworker.ok(caseworker.post("/api/cases", earlier));
    caseworker.ok(caseworker.post("/api/cases/" + first.get("id").asText() + "/located", Map.of(
        "locatedAt", OffsetDateTime.now().toString(), "place", "home", "how", "RETURNED_HOME")));

    Map<String, Object> another = report("Baraka", 12);
    another.put("childLastName", "Odhiambo");
    another.put("lastSeenPlace", "Gikomba, near the footbridge");
    String second = caseworker.ok(caseworker.post("/api/cases", another)).get("id").asText();
    awaitTask(caseworker, "UNASSIGNED", second, "Task_AcceptCase");
    JsonNode child = caseworker.ok(caseworker.get("/api/cases/" + second)).get("child");
    assertThat(child.hasNonNull("proposedPreviousCaseId")).isFalse();
    assertThat(child.hasNonNull("previousCaseId")).isFalse();
  }

  @Test
  void aReportWithdrawnOnTheCasePageStopsTheSearchAndAsksForClosure() {
    String caseId = caseworker.ok(caseworker.post("/api/cases", report("Wanjiru", 13))).get("id").asText();
    JsonNode firstActions = accepted(caseworker, caseId);

    Api.Response noReason = caseworker.post("/api/cases/" + caseId + "/withdrawn", Map.of("withdrawnBy", "the mother"));
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.body().get("errors").get(0).get("field").asText()).isEqualTo("reason");

    Map<String, Object> withdrawal = Map.of("withdrawnBy", "the mother", "reason", "she was at her aunt's in Kawangware all along");
    assertThat(caseworker.post("/api/cases/" + caseId + "/withdrawn", withdrawal, "withdraw-" + caseId).status()).isEqualTo(202);
    assertThat(caseworker.post("/api/cases/" + caseId + "/withdrawn", withdrawal, "withdraw-" + caseId).status())
        .as("the same request sent again gets the first answer").isEqualTo(202);
    // the caseworker is asked to request closure (awaitTask fails unless the task appears)
    awaitTask(caseworker, "MINE", caseId, "Task_RequestClosure");
    await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(caseworker.ok(caseworker.get("/api/tasks?view=MINE")).spliterator(), false)
        .noneMatch(t -> t.get("id").asLong() == firstActions.get("id").asLong()));
    assertThat(caseworker.post("/api/cases/" + caseId + "/withdrawn", withdrawal).status()).as("withdrawn twice").isEqualTo(409);
    assertThat(caseworker.post("/api/cases/" + caseId + "/sightings", Map.of("seenAt", OffsetDateTime.now().minusHours(1).toString(),
        "place", "Kawangware", "description", "seen at the aunt's")).status()).isEqualTo(409);
    JsonNode details = caseworker.ok(caseworker.get("/api/cases/" + caseId));
    assertThat(details.get("child").hasNonNull("withdrawnAt")).isTrue();
    assertThat(details.get("timeline").toString()).contains("REPORT_WITHDRAWN").contains("Kawangware");
    assertThat(jdbc.queryForObject("select count(*) from case_event where case_id = ?::uuid and kind = 'REPORT_WITHDRAWN'",
        Long.class, caseId)).isEqualTo(1);
  }

  @Test
  void aChildFoundWhoWasSomeoneElseLeavesTheCaseOpenAndItCanBeLocatedAgain() {
    String caseId = caseworker.ok(caseworker.post("/api/cases", report("Nafula", 14))).get("id").asText();
    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    complete(caseworker, accept, Map.of("acceptConfirmed", true));
    Map<String, Object> located = Map.of("locatedAt", OffsetDateTime.now().minusMinutes(5).toString(), "place", "Naivasha police station",
        "how", "FOUND");
    caseworker.ok(caseworker.post("/api/cases/" + caseId + "/located", located));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_VerifyIdentity"),
        Map.of("identityConfirmed", false, "verificationMethod", "PHOTO_MATCH"));
    await().atMost(Duration.ofSeconds(30)).until(() ->
        "OPEN".equals(caseworker.ok(caseworker.get("/api/cases/" + caseId)).get("child").get("status").asText()));
    // The search resumed where it was (first actions still to do) and the child can be reported located again.
    awaitTask(caseworker, "MINE", caseId, "Task_StartSearch");
    caseworker.ok(caseworker.post("/api/cases/" + caseId + "/located", located));
    awaitTask(caseworker, "MINE", caseId, "Task_VerifyIdentity");
    assertThat(caseworker.ok(caseworker.get("/api/cases/" + caseId)).get("child").get("status").asText())
        .as("located again").isEqualTo("LOCATED");
  }
}
