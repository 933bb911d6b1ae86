package ke.childprotection.it;

import static ke.childprotection.it.MissingChildCaseEndToEndTest.awaitTask;
import static ke.childprotection.it.MissingChildCaseEndToEndTest.complete;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Permissions are checked on the object: a county supervisor cannot take the secretariat's task of a
 * county case (whose record it may not read as the secretariat does); the gatekeeping panel reads only
 * the cases referred to it.
 */
@IntegrationTest
class LeastPrivilegeTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aSupervisorCannotReassignTheSecretariatsTask() {
    Api caseworker = new Api(port, "cw.nairobi");
    Api supervisor = new Api(port, "sup.nairobi");
    Api secretariat = new Api(port, "ctip");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Escalated", 14))).get("id").asText();
    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    complete(caseworker, accept, Map.of("acceptConfirmed", true));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_AssessRisk"), Map.of("withUnknownAdult", true,
        "groomingOrExploitation", true, "riskNotes", "left with a man who promised work"));
    JsonNode review = awaitTask(secretariat, "UNASSIGNED", caseId, "Task_ReviewScreening");
    long task = review.get("id").asLong();

    Map<String, Object> nobody = new HashMap<>();
    nobody.put("assignee", null);
    assertThat(supervisor.post("/api/tasks/" + task + "/assign", nobody).status()).isEqualTo(404);
    assertThat(supervisor.post("/api/tasks/" + task + "/assign", Map.of("assignee", "cw.nairobi")).status()).isEqualTo(404);
    assertThat(supervisor.get("/api/tasks/" + task + "/form").status()).isEqualTo(404);
    assertThat(caseworker.post("/api/tasks/" + task + "/claim", null).status()).isEqualTo(404);
    assertThat(secretariat.post("/api/tasks/" + task + "/claim", null).status()).isEqualTo(200);
    assertThat(jdbc.queryForObject("select assignee from user_task where job_key = ?", String.class, task)).isEqualTo("ctip");
  }

  @Test
  void theGatekeepingPanelReadsOnlyTheCasesReferredToIt() {
    Api caseworker = new Api(port, "cw.nairobi");
    Api panel = new Api(port, "panel.nairobi");
    JsonNode notReferred = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Unreferred", 7)));
    JsonNode referred = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Referred", 6)));
    awaitTask(caseworker, "UNASSIGNED", referred.get("id").asText(), "Task_AcceptCase");

    assertThat(panel.get("/api/cases/" + notReferred.get("id").asText()).status()).isEqualTo(404);
    // the case reaches the panel: its placement decision task, as the tasklist stores it
    UUID id = UUID.fromString(referred.get("id").asText());
    long jobKey = 9_100_000_000L + Math.abs(id.getLeastSignificantBits() % 1_000_000);
    long instance = jdbc.queryForObject("select process_instance_key from user_task where case_id = ? fetch first 1 rows only",
        Long.class, id);
    jdbc.update("""
        insert into user_task (job_key, case_id, county_code, process_instance_key, bpmn_process_id, element_id, name, form_id,
          created_at, state, lock_expires_at, input_data)
        values (?, ?, '047', ?, 'care-placement', 'Task_PanelDecision', 'Decide placement (Alternative Care Committee)', null,
          ?, 'COMPLETED', ?, '{}')""", jobKey, id, instance, OffsetDateTime.now(), OffsetDateTime.now());
    jdbc.update("insert into user_task_candidate_group (job_key, group_name) values (?, 'gatekeeping-panel')", jobKey);

    assertThat(panel.get("/api/cases/" + referred.get("id").asText()).status()).isEqualTo(200);
    assertThat(StreamSupport.stream(panel.ok(panel.get("/api/cases")).spliterator(), false).map(c -> c.get("id").asText()))
        .contains(referred.get("id").asText()).doesNotContain(notReferred.get("id").asText());
  }
}
