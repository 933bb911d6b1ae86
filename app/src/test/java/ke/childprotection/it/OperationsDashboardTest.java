package ke.childprotection.it;

import static ke.childprotection.it.MissingChildCaseEndToEndTest.awaitTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The supervisor's operational dashboard against the database's truth, reassignment, and county scope. */
@IntegrationTest
class OperationsDashboardTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private static JsonNode waiting(JsonNode dashboard, String caseId) {
    return StreamSupport.stream(dashboard.get("waitingForAssignment").spliterator(), false)
        .filter(w -> w.get("caseId").asText().equals(caseId)).findFirst().orElse(null);
  }

  @Test
  void waitingCasesByRiskOverdueWorkAndReassignment() {
    Api caseworker = new Api(port, "cw.nairobi");
    Api supervisor = new Api(port, "sup.nairobi");
    String young = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Ops", 9))).get("id").asText();
    String older = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Board", 15))).get("id").asText();
    JsonNode youngTask = awaitTask(caseworker, "UNASSIGNED", young, "Task_AcceptCase");
    JsonNode olderTask = awaitTask(caseworker, "UNASSIGNED", older, "Task_AcceptCase");
    // The older child's acceptance is two hours late, and was escalated today.
    jdbc.update("update user_task set due_at = now() - interval '2 hours', overdue_notified_at = now() where job_key = ?",
        olderTask.get("id").asLong());

    JsonNode dashboard = supervisor.ok(supervisor.get("/api/dashboard/operations"));
    assertThat(waiting(dashboard, young).get("risk").asText()).isEqualTo("HIGH");
    assertThat(waiting(dashboard, young).get("sla").asText()).isIn("ON_TIME", "DUE_SOON");
    assertThat(waiting(dashboard, older).get("risk").asText()).isEqualTo("STANDARD");
    assertThat(waiting(dashboard, older).get("sla").asText()).isEqualTo("BREACHED");
    long waitingInDb = jdbc.queryForObject("""
        select count(*) from user_task where state = 'OPEN' and element_id = 'Task_AcceptCase' and assignee is null and county_code = '047'
        """, Long.class);
    assertThat(dashboard.get("waitingForAssignment")).hasSize((int) waitingInDb);
    long byRisk = 0;
    for (JsonNode n : dashboard.get("waitingByRisk")) byRisk += n.asLong();
    assertThat(byRisk).isEqualTo(waitingInDb);
    long overdueInDb = jdbc.queryForObject("""
        select count(*) from user_task where state = 'OPEN' and due_at < now() and county_code = '047' and bpmn_process_id <> 'trafficking-referral'
        """, Long.class);
    long overdueBySteps = StreamSupport.stream(dashboard.get("overdueBySteps").spliterator(), false).mapToLong(s -> s.get("overdue").asLong()).sum();
    long overdueByPeople = 0;
    for (JsonNode n : dashboard.get("overdueByAssignee")) overdueByPeople += n.asLong();
    assertThat(overdueBySteps).isEqualTo(overdueInDb).isEqualTo(overdueByPeople).isGreaterThanOrEqualTo(1);
    assertThat(dashboard.get("breachesByDay").get(LocalDate.now(ZoneId.of("Africa/Nairobi")).toString()).asLong()).isGreaterThanOrEqualTo(1);
    assertThat(dashboard.get("escalationsOpen").asLong()).isGreaterThanOrEqualTo(1);

    // The supervisor gives the late case to the second caseworker, from the dashboard.
    String assign = "/api/tasks/" + olderTask.get("id").asLong() + "/assign";
    assertThat(caseworker.post(assign, Map.of("assignee", "cw2.nairobi")).status()).as("a caseworker cannot reassign").isEqualTo(403);
    assertThat(new Api(port, "sup.mombasa").post(assign, Map.of("assignee", "cw2.nairobi")).status()).isEqualTo(404);
    Api.Response wrongCounty = supervisor.post(assign, Map.of("assignee", "cw.mombasa"));
    assertThat(wrongCounty.status()).isEqualTo(400);
    assertThat(wrongCounty.body().get("errors").get(0).get("field").asText()).isEqualTo("assignee");
    supervisor.ok(supervisor.post(assign, Map.of("assignee", "cw2.nairobi")));
    Api second = new Api(port, "cw2.nairobi");
    awaitTask(second, "MINE", older, "Task_AcceptCase");
    JsonNode after = supervisor.ok(supervisor.get("/api/dashboard/operations"));
    assertThat(waiting(after, older)).isNull();
    JsonNode load = StreamSupport.stream(after.get("workload").spliterator(), false)
        .filter(w -> w.get("caseworker").asText().equals("cw2.nairobi")).findFirst().orElseThrow();
    assertThat(load.get("openTasks").asLong()).isEqualTo(jdbc.queryForObject(
        "select count(*) from user_task where state = 'OPEN' and assignee = 'cw2.nairobi' and bpmn_process_id <> 'trafficking-referral'", Long.class));
    for (JsonNode w : after.get("workload")) {
      assertThat(w.get("highRiskCases").asLong()).as(w.get("caseworker").asText()).isEqualTo(jdbc.queryForObject(
          "select count(*) from child_case where caseworker = ? and status <> 'CLOSED' and risk_level = 'HIGH' and county_code = '047'",
          Long.class, w.get("caseworker").asText()));
    }
    assertThat(StreamSupport.stream(caseworker.ok(caseworker.get("/api/cases/" + older + "/timeline")).spliterator(), false)
        .anyMatch(e -> "REASSIGNED".equals(e.get("kind").asText()) && "to cw2.nairobi".equals(e.get("detail").asText()))).isTrue();
    assertThat(waiting(after, young).get("taskId").asLong()).as("the other case still waits")
        .isEqualTo(youngTask.get("id").asLong());

    // Scope and pages.
    assertThat(new Api(port, "sup.mombasa").get("/api/dashboard/operations?county=047").status()).isEqualTo(403);
    String page = new String(supervisor.download("/dashboard").body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(page).contains("id=\"waiting\"").contains("id=\"workload\"").contains("cw2.nairobi");
    Map<String, Object> none = new HashMap<>();
    none.put("assignee", null);
    supervisor.ok(supervisor.post(assign, none));
    assertThat(waiting(supervisor.ok(supervisor.get("/api/dashboard/operations")), older)).isNotNull();
  }
}
