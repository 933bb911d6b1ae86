package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import ke.childprotection.CaseSystemApplication;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A second app started on this database with an engine of its own (an empty engine directory: what a
 * second instance behind a load balancer, or a lost engine directory, amounts to) works against nothing:
 * its health is DOWN with the reason, and it cancels none of the first app's tasks.
 */
@IntegrationTest
class SecondAppOnAnotherEngineTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @TempDir Path otherEngine;

  @Test
  void aSecondAppWithAnotherEngineRefusesToWorkAndSaysWhy() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Stays", 12))).get("id").asText();
    MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    long openBefore = openTasks();

    try (ConfigurableApplicationContext second = new SpringApplicationBuilder(CaseSystemApplication.class)
        .profiles("postgres", "test")
        .run("--MCC_DB_SCHEMA=" + System.getenv().getOrDefault("MCC_IT_SCHEMA", "mcc_it"), "--server.port=0", "--mcc.engine.embedded.port=0",
            "--mcc.engine.embedded.directory=" + otherEngine, "--mcc.engine.deploy-attempts=3")) {
      int secondPort = ((WebServerApplicationContext) second).getWebServer().getPort();
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secondPort + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("\"engineBinding\"").contains("DOWN").contains("The engine is empty");

      // its reconciler would have cancelled every task by now (mcc.tasklist.reconcile-interval: PT5S in tests)
      Awaitility.await().pollDelay(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(openTasks()).isEqualTo(openBefore));
      assertThat(jdbc.queryForObject("select state from user_task where case_id = ?::uuid", String.class, caseId))
          .isEqualTo("OPEN");
    }
    // and the first app goes on: the case moves on from its task
    MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
  }

  private long openTasks() {
    return jdbc.queryForObject("select count(*) from user_task where state = 'OPEN'", Long.class);
  }
}
