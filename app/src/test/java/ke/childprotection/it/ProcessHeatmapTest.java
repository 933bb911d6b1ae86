package ke.childprotection.it;

import static ke.childprotection.it.MissingChildCaseEndToEndTest.awaitTask;
import static ke.childprotection.it.MissingChildCaseEndToEndTest.complete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.JobIntent;
import io.camunda.zeebe.protocol.record.value.JobRecordValue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The process view's heatmap against the engine's own state, its click-through lists, and county scope. */
@IntegrationTest
class ProcessHeatmapTest {
  @LocalServerPort int port;
  @Autowired ZeebeTestEngine engine;
  @Autowired JdbcTemplate jdbc;

  /** Open user-task jobs per element of the county's missing-child cases, as the engine's records say. */
  private Map<String, Long> engineOpenTasks(String county) {
    Set<Long> instances = Set.copyOf(jdbc.queryForList(
        "select process_instance_key from child_case where county_code = ? and case_type = 'MISSING' and process_instance_key is not null",
        Long.class, county));
    assertThat(instances).as("each case records its process instance").isNotEmpty();
    Map<Long, Record<JobRecordValue>> last = new HashMap<>();
    for (Record<JobRecordValue> job : RecordStream.of(engine.getRecordStreamSource()).jobRecords()) {
      if ("io.camunda.zeebe:userTask".equals(job.getValue().getType()) && instances.contains(job.getValue().getProcessInstanceKey())) {
        last.merge(job.getKey(), job, (a, b) -> b);
      }
    }
    return last.values().stream()
        .filter(r -> !Set.of(JobIntent.COMPLETED, JobIntent.CANCELED, JobIntent.ERROR_THROWN).contains(r.getIntent()))
        .collect(Collectors.groupingBy(r -> r.getValue().getElementId(), TreeMap::new, Collectors.counting()));
  }

  private static Map<String, Long> heatmap(JsonNode steps) {
    return StreamSupport.stream(steps.spliterator(), false)
        .collect(Collectors.toMap(s -> s.get("elementId").asText(), s -> s.get("open").asLong(), (a, b) -> a, TreeMap::new));
  }

  @Test
  void theHeatmapCountsWhatTheEngineHasOpenAndEachCountClicksThroughToItsCases() {
    Api caseworker = new Api(port, "cw.nairobi");
    Api mombasa = new Api(port, "cw.mombasa");
    Api supervisor = new Api(port, "sup.nairobi");
    Api otherSupervisor = new Api(port, "sup.mombasa");
    Api admin = new Api(port, "admin");

    // A scripted mix: three new reports in Nairobi, one accepted and assessed; one report in Mombasa.
    List<String> nairobi = List.of("Heat", "Map", "Count").stream()
        .map(n -> caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report(n, 15))).get("id").asText()).toList();
    Map<String, Object> mombasaReport = MissingChildCaseEndToEndTest.report("Pwani", 15);
    mombasaReport.put("countyCode", "001");
    String mombasaCase = mombasa.ok(mombasa.post("/api/cases", mombasaReport)).get("id").asText();
    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", nairobi.get(0), "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    complete(caseworker, accept, Map.of("acceptConfirmed", true));
    awaitTask(caseworker, "MINE", nairobi.get(0), "Task_AssessRisk");
    awaitTask(mombasa, "UNASSIGNED", mombasaCase, "Task_AcceptCase");

    String steps = "/api/dashboard/processes/missing-child-case/steps";
    // a job activated but not received comes back after the tasklist's job lock (PT20S in tests): wait past it
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(heatmap(supervisor.ok(supervisor.get(steps)))).isEqualTo(engineOpenTasks("047")));
    Map<String, Long> counts = heatmap(supervisor.ok(supervisor.get(steps)));
    assertThat(counts.get("Task_AcceptCase")).isGreaterThanOrEqualTo(2);
    assertThat(counts.get("Task_AssessRisk")).isGreaterThanOrEqualTo(1);

    // Every count clicks through to exactly the cases behind it, all of the supervisor's county.
    for (JsonNode step : supervisor.ok(supervisor.get(steps))) {
      JsonNode cases = supervisor.ok(supervisor.get(steps + "/" + step.get("elementId").asText() + "/cases"));
      assertThat(cases).hasSize(step.get("open").asInt());
      assertThat(StreamSupport.stream(cases.spliterator(), false).filter(c -> c.get("overdue").asBoolean()).count())
          .isEqualTo(step.get("overdue").asLong());
      assertThat(StreamSupport.stream(cases.spliterator(), false).map(c -> c.get("countyCode").asText())).containsOnly("047");
    }
    JsonNode accepting = supervisor.ok(supervisor.get(steps + "/Task_AcceptCase/cases"));
    assertThat(StreamSupport.stream(accepting.spliterator(), false).map(c -> c.get("caseId").asText()))
        .contains(nairobi.get(1), nairobi.get(2)).doesNotContain(nairobi.get(0), mombasaCase);

    // Scope: another county's supervisor cannot ask for Nairobi; national staff can, or see all.
    assertThat(otherSupervisor.get(steps + "?county=047").status()).isEqualTo(403);
    assertThat(otherSupervisor.get(steps + "/Task_AcceptCase/cases?county=047").status()).isEqualTo(403);
    assertThat(StreamSupport.stream(otherSupervisor.ok(otherSupervisor.get(steps + "/Task_AcceptCase/cases")).spliterator(), false)
        .map(c -> c.get("countyCode").asText())).containsOnly("001");
    assertThat(caseworker.get(steps).status()).isEqualTo(403);
    assertThat(heatmap(admin.ok(admin.get(steps + "?county=047")))).isEqualTo(heatmap(supervisor.ok(supervisor.get(steps))));
    assertThat(heatmap(admin.ok(admin.get(steps))).get("Task_AcceptCase"))
        .isEqualTo(engineOpenTasks("047").get("Task_AcceptCase") + engineOpenTasks("001").get("Task_AcceptCase"));
    assertThat(supervisor.get("/api/dashboard/processes/trafficking-referral/steps").status()).isEqualTo(404);
  }
}
