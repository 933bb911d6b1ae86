package ke.childprotection.it;

import static ke.childprotection.it.MissingChildCaseEndToEndTest.awaitTask;
import static ke.childprotection.it.MissingChildCaseEndToEndTest.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tasklist kept true to the engine at a cost that follows what changes: a step the engine
 * terminates leaves the list through the engine's mirror (no engine call per open task), a job the
 * engine handed out but the app never stored is handed out again, and only holds near their end are
 * renewed. (Tests run with a one-hour lock, a five-second round and a five-second grace.)
 */
@IntegrationTest
class TaskReconcilingTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MeterRegistry meters;

  Api caseworker;

  @BeforeEach
  void users() {
    caseworker = new Api(port, "cw.nairobi");
  }

  double reconciled(String outcome, String by) {
    var counter = meters.find("mcc.tasklist.reconciled").tags("outcome", outcome, "by", by).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aStepTheEngineTerminatesLeavesTheListThroughTheMirror() {
    String caseId = caseworker.ok(caseworker.post("/api/cases", report("Akinyi", 12))).get("id").asText();
    JsonNode firstActions = MissingChildCaseEndToEndTest.accepted(caseworker, caseId);
    long jobKey = firstActions.get("id").asLong();
    assertThat(jdbc.queryForObject("select element_instance_key from user_task where job_key = ?", Long.class, jobKey))
        .as("the task knows its engine element").isNotNull();
    double byMirror = reconciled("cancelled", "mirror");

    // Withdrawn: an interrupting event ends the search, and with it the open step.
    caseworker.ok(caseworker.post("/api/cases/" + caseId + "/withdrawn",
        Map.of("withdrawnBy", "the father", "reason", "with his grandmother in Kisumu")));
    await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELLED".equals(
        jdbc.queryForObject("select state from user_task where job_key = ?", String.class, jobKey)));
    assertThat(reconciled("cancelled", "mirror")).as("cancelled by the mirror's record, not a check").isGreaterThan(byMirror);
    assertThat(StreamSupport.stream(caseworker.ok(caseworker.get("/api/tasks?view=MINE")).spliterator(), false)
        .noneMatch(t -> t.get("id").asLong() == jobKey)).isTrue();
    assertThat(jdbc.queryForList("select detail from case_event where case_id = ?::uuid and kind = 'STEP_INTERRUPTED'"
        + " and element_id = 'Task_StartSearch'", String.class, caseId))
        .as("once on the case's timeline, as the engine's record of the termination says (a timed check would say"
            + " 'no longer open in the engine')").containsExactly("interrupted by the process");
  }

  @Test
  void aJobHandedOutButNeverStoredIsHandedOutAgain() {
    String caseId = caseworker.ok(caseworker.post("/api/cases", report("Chebet", 9))).get("id").asText();
    long jobKey = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase").get("id").asLong();
    double before = reconciled("handed-out-again", "check");

    // As if the app had stopped after the engine handed the job out and before it was stored: the
    // engine holds the job for the app (an hour here, a day in production) but there is no task.
    jdbc.update("delete from user_task_candidate_group where job_key = ?", jobKey);
    jdbc.update("delete from user_task where job_key = ?", jobKey);

    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
        jdbc.queryForObject("select count(*) from user_task where job_key = ? and state = 'OPEN'", Long.class, jobKey) == 1);
    assertThat(reconciled("handed-out-again", "check")).isGreaterThan(before);
    JsonNode again = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    assertThat(again.get("id").asLong()).as("the same job, not a second task").isEqualTo(jobKey);
    assertThat(jdbc.queryForObject("select count(*) from user_task where case_id = ?::uuid", Long.class, caseId)).isEqualTo(1);
  }

  @Test
  void aTaskWhoseStepTheMirrorNoLongerListsIsAskedOfTheEngineAndKeptWhileItsJobIsOpen() {
    String caseId = caseworker.ok(caseworker.post("/api/cases", report("Wambui", 10))).get("id").asText();
    long jobKey = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase").get("id").asLong();
    Long element = jdbc.queryForObject("select element_instance_key from user_task where job_key = ?", Long.class, jobKey);
    await().atMost(Duration.ofSeconds(60)).until(() ->
        jdbc.queryForObject("select count(*) from engine_element where element_instance_key = ?", Long.class, element) == 1);
    var row = jdbc.queryForMap("select * from engine_element where element_instance_key = ?", element);
    // as if the mirror had read the step's end before the task was stored: only the engine can say
    jdbc.update("delete from engine_element where element_instance_key = ?", element);
    // a hold in the first half of its time (no renewal due), so that a renewal shows the check asked the engine
    OffsetDateTime held = OffsetDateTime.now().plusMinutes(50);
    jdbc.update("update user_task set lock_expires_at = ? where job_key = ?", held, jobKey);
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> lock(jobKey).isAfter(held.plusMinutes(5)));
      assertThat(jdbc.queryForObject("select state from user_task where job_key = ?", String.class, jobKey))
          .as("its job is still open in the engine: nothing is cancelled that is not gone").isEqualTo("OPEN");
    } finally {
      jdbc.update("insert into engine_element (" + String.join(", ", row.keySet()) + ") values ("
          + String.join(", ", java.util.Collections.nCopies(row.size(), "?")) + ")", row.values().toArray());
    }
  }

  @Test
  void onlyHoldsNearTheirEndAreRenewed() {
    String caseId = caseworker.ok(caseworker.post("/api/cases", report("Nafula", 11))).get("id").asText();
    long jobKey = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase").get("id").asLong();
    OffsetDateTime stored = lock(jobKey);
    assertThat(stored).isAfter(OffsetDateTime.now().plusMinutes(50));

    // A fresh hold is left alone round after round (two rounds at least)...
    double renewed = reconciled("renewed", "renewal");
    double rounds = meters.counter("mcc.tasklist.reconcile.rounds").count();
    await().atMost(Duration.ofSeconds(60)).until(() -> meters.counter("mcc.tasklist.reconcile.rounds").count() >= rounds + 2);
    assertThat(lock(jobKey)).isEqualTo(stored);

    // ...one in the second half of its time is renewed for the full lock.
    jdbc.update("update user_task set lock_expires_at = ? where job_key = ?", OffsetDateTime.now().plusMinutes(5), jobKey);
    await().atMost(Duration.ofSeconds(60)).until(() -> lock(jobKey).isAfter(OffsetDateTime.now().plusMinutes(50)));
    assertThat(reconciled("renewed", "renewal")).isGreaterThan(renewed);
    assertThat(jdbc.queryForObject("select state from user_task where job_key = ?", String.class, jobKey)).isEqualTo("OPEN");
  }

  OffsetDateTime lock(long jobKey) {
    return jdbc.queryForObject("select lock_expires_at from user_task where job_key = ?", OffsetDateTime.class, jobKey);
  }
}
