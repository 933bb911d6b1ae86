package ke.childprotection.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.it.IntegrationTest;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.security.Role;
import ke.childprotection.trafficking.TraffickingReferrals;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A protected child's task, as its form data reaches someone who may not know who the child is: the
 * free text and places of earlier steps are left out; the assigned caseworker sees them.
 */
@IntegrationTest
class ProtectedTaskDataTest {
  @Autowired TaskService tasks;
  @Autowired ChildCaseRepository cases;
  @Autowired TraffickingReferrals referrals;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @LocalServerPort int port;

  @Test
  void theSupervisorSeesNoFreeTextOfAProtectedChildsEarlierSteps() throws Exception {
    String report = """
        {"countyCode":"047","childFirstName":"Protected","childLastName":"Synthetic","childSex":"FEMALE","childAge":13,
         "lastSeenAt":"%s","lastSeenPlace":"Toi market","disabilityOrMedicalNeed":false,"suspectedAbduction":false,
         "reporterName":"Synthetic Parent","reporterPhone":"+254700000001","reporterRelationship":"PARENT",
         "consentPublicity":false,"consentTracing":true}""".formatted(OffsetDateTime.now().minusHours(2));
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/api/cases"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("cw.nairobi:demo1234".getBytes()))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(report)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    UUID caseId = UUID.fromString(created.body().replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
    tx.executeWithoutResult(s -> {
      cases.findById(caseId).orElseThrow().assignTo("cw.nairobi");
      referrals.protect(caseId, "Child C-9", "ctip", "test:" + caseId);
    });
    UserTask approval = new UserTask("engine", 1L, caseId, "047", 2L, "missing-child-case", "Task_ApproveClosure",
        "Approve closure", "approve-closure", null, Set.of("supervisor"), null, null, OffsetDateTime.now(),
        "{\"closureSummary\":\"reunited with her aunt at Gikomba\",\"caseNumber\":\"MC-047-2026-000001\"}");

    CurrentUser supervisor = new CurrentUser("sup.nairobi", "", "", Role.SUPERVISOR, "047", true);
    CurrentUser assigned = new CurrentUser("cw.nairobi", "", "", Role.CASEWORKER, "047", true);
    Map<String, Object> shown = tasks.inputDataFor(supervisor, approval);
    assertThat(shown).doesNotContainKey("closureSummary").containsEntry("caseNumber", "MC-047-2026-000001");
    assertThat(tasks.inputDataFor(assigned, approval)).containsEntry("closureSummary", "reunited with her aunt at Gikomba");
    assertThat(tasks.inputData(approval)).as("checked against as it was").containsKey("closureSummary");
  }
}
