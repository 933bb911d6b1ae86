package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import ke.childprotection.operations.EngineProblems;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What keeps a case from moving is visible and can be retried: an incident is listed with its case and
 * step for the admin, counted on the county supervisor's dashboard, and retried (its job runs again); a
 * case that lost its process is listed as stuck and started again; a case at a step is never listed.
 */
@IntegrationTest
class EngineProblemsTest {
  private static final Duration LONG = Duration.ofSeconds(90);
  private static final String PROCESS = "problems-check";
  private static final String JOB = "problems-check.step";

  @LocalServerPort int port;
  @Autowired CamundaClient client;
  @Autowired JdbcTemplate jdbc;
  @Autowired EngineProblems problems;
  @Autowired ke.childprotection.engine.EngineMirror mirror;

  private JsonNode report(Api caseworker) {
    return caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Baraka", 11)));
  }

  private static List<JsonNode> list(JsonNode overview, String field) {
    return StreamSupport.stream(overview.get(field).spliterator(), false).toList();
  }

  private List<JsonNode> incidentsOf(Api admin, String caseNumber) {
    return list(admin.ok(admin.get("/api/admin/engine-problems")), "incidents").stream()
        .filter(i -> caseNumber.equals(i.path("caseNumber").asText())).toList();
  }

  private ActivatedJob activate() {
    return activate(client);
  }

  static ActivatedJob activate(CamundaClient client) {
    return Awaitility.await().atMost(LONG).until(() -> client.newActivateJobsCommand().jobType(JOB).maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(5)).send().join().getJobs(), jobs -> !jobs.isEmpty()).get(0);
  }

  /**
   * Starts a process for the case (by a message, as the case's own processes are started) whose one
   * step fails with no retries left: an incident. Returns the step's job.
   */
  static ActivatedJob failForGood(CamundaClient client, String caseId, String caseNumber) {
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess(PROCESS)
        .startEvent().message("problems-check-started").serviceTask("Task_Check", t -> t.zeebeJobType(JOB)).endEvent().done(),
        PROCESS + ".bpmn").send().join();
    client.newPublishMessageCommand().messageName("problems-check-started").correlationKey(caseNumber)
        .variables(Map.of("caseId", caseId)).send().join();
    ActivatedJob job = activate(client);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("synthetic: the check cannot be done").send().join();
    return job;
  }

  @Test
  void anIncidentIsListedCountedAndRetriedAndItsStepRunsAgain() {
    Api caseworker = new Api(port, "cw.nairobi");
    Api admin = new Api(port, "admin");
    JsonNode created = report(caseworker);
    String caseId = created.get("id").asText();
    String caseNumber = created.get("caseNumber").asText();
    ActivatedJob job = failForGood(client, caseId, caseNumber);

    JsonNode incident = Awaitility.await().atMost(LONG).until(() -> incidentsOf(admin, caseNumber), l -> l.size() == 1).get(0);
    assertThat(incident.get("caseId").asText()).isEqualTo(caseId);
    assertThat(incident.get("process").asText()).isEqualTo(PROCESS);
    assertThat(incident.get("elementId").asText()).isEqualTo("Task_Check");
    assertThat(incident.get("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.get("errorMessage").asText()).contains("synthetic");
    assertThat(incident.get("jobKey").asLong()).isEqualTo(job.getKey());

    Api supervisor = new Api(port, "sup.nairobi");
    assertThat(supervisor.ok(supervisor.get("/api/dashboard/operations")).get("engineProblems").get("incidents").asLong())
        .as("the county's supervisor sees the count").isPositive();
    Api otherCounty = new Api(port, "sup.mombasa");
    assertThat(list(admin.ok(admin.get("/api/admin/engine-problems?county=001")), "incidents"))
        .as("another county's list").noneMatch(i -> caseNumber.equals(i.path("caseNumber").asText()));
    assertThat(otherCounty.get("/api/admin/engine-problems").status()).as("the list is the admin's").isEqualTo(403);
    assertThat(caseworker.post("/api/admin/incidents/" + incident.get("key").asLong() + "/retry", null).status()).isEqualTo(403);
    assertThat(admin.post("/api/admin/incidents/123456789/retry", null).status()).isEqualTo(404);

    assertThat(admin.post("/api/admin/incidents/" + incident.get("key").asLong() + "/retry", null).status()).isEqualTo(202);
    ActivatedJob again = activate();
    assertThat(again.getKey()).as("the same step runs again").isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(3);
    client.newCompleteCommand(again.getKey()).send().join();
    Awaitility.await().atMost(LONG).until(() -> incidentsOf(admin, caseNumber).isEmpty());
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ? and detail like 'retried incident%'",
        Long.class, UUID.fromString(caseId))).isEqualTo(1);
  }

  private List<JsonNode> stuck(Api admin, String caseId) {
    return list(admin.ok(admin.get("/api/admin/engine-problems")), "stuckCases").stream()
        .filter(s -> caseId.equals(s.get("caseId").asText())).toList();
  }

  @Test
  void aCaseThatLostItsProcessIsListedAsStuckAndGoesOnAtItsStep() {
    Api caseworker = new Api(port, "cw.nairobi");
    Api admin = new Api(port, "admin");
    String caseId = report(caseworker).get("id").asText();
    UUID id = UUID.fromString(caseId);
    Awaitility.await().atMost(LONG).until(() -> jdbc.queryForObject(
        "select count(*) from user_task where case_id = ? and state = 'OPEN'", Long.class, id) == 1);
    long instance = jdbc.queryForObject("select process_instance_key from child_case where id = ?", Long.class, id);
    assertThat(problems.overview(null, OffsetDateTime.now().plusHours(1)).stuckCases())
        .as("a case at its first step, however long it waits").noneMatch(s -> s.caseId().equals(id));

    // its process is cancelled from outside (Operate, a broken model): the case waits for nothing
    client.newCancelInstanceCommand(instance).send().join();
    JsonNode listed = Awaitility.await().atMost(LONG).until(() -> stuck(admin, caseId), l -> l.size() == 1).get(0);
    assertThat(listed.get("kind").asText()).isEqualTo("NO_STEP");
    assertThat(listed.get("lastStep").asText()).isEqualTo("Accept case");
    assertThat(admin.post("/api/admin/stuck-cases/" + caseId + "/retry", null).status()).isEqualTo(202);
    assertThat(admin.post("/api/admin/stuck-cases/" + caseId + "/retry", null).status())
        .as("a second retry while the first is recent").isEqualTo(404);
    // its process is started again before its last step: the case is at "Accept case" again
    Awaitility.await().atMost(LONG).until(() -> jdbc.queryForObject("""
        select count(*) from user_task where case_id = ? and state = 'OPEN' and element_id = 'Task_AcceptCase'
          and process_instance_key <> ?""", Long.class, id, instance) == 1);
    long restarted = jdbc.queryForObject("select process_instance_key from child_case where id = ?", Long.class, id);
    assertThat(restarted).as("the case's process is the new one").isNotEqualTo(instance);
    assertThat(problems.overview(null, OffsetDateTime.now().plusHours(1)).stuckCases())
        .as("at its step again").noneMatch(s -> s.caseId().equals(id));

    // the process is cancelled again and the case forgets it, as when a start never reached the engine:
    // it is started again from its report
    client.newCancelInstanceCommand(restarted).send().join();
    mirror.catchUp(); // (else the mirror, reading the restart from the engine's log, records the instance again)
    jdbc.update("update child_case set process_instance_key = null where id = ?", id);
    Awaitility.await().atMost(LONG).until(() -> stuck(admin, caseId), l -> l.size() == 1
        && l.get(0).get("kind").asText().equals("NOT_STARTED"));
    assertThat(admin.post("/api/admin/stuck-cases/" + caseId + "/retry", null).status()).isEqualTo(202);
    assertThat(admin.post("/api/admin/stuck-cases/" + caseId + "/retry", null).status())
        .as("a second retry while the first is on its way").isEqualTo(404);
    Awaitility.await().atMost(LONG).until(() -> jdbc.queryForObject(
        "select count(*) from user_task where case_id = ? and state = 'OPEN' and process_instance_key not in (?, ?)", Long.class, id,
        instance, restarted) == 1);
    Long started = jdbc.queryForObject("select process_instance_key from child_case where id = ?", Long.class, id);
    assertThat(started).isNotNull().isNotIn(instance, restarted);
    assertThat(jdbc.queryForObject("select count(*) from child_case where case_number = (select case_number from child_case where id = ?)",
        Long.class, id)).as("no second case").isEqualTo(1);
    assertThat(problems.overview(null, OffsetDateTime.now().plusHours(1)).stuckCases())
        .as("at its step again").noneMatch(s -> s.caseId().equals(id));
  }
}
