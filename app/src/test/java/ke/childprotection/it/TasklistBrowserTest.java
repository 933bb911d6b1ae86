package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Runs the Chromium test (src/test/browser, playwright-core with the machine's Chromium) against this
 * running app: login, task list, form-js form, submit, next task.
 */
@IntegrationTest
class TasklistBrowserTest {
  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired io.camunda.client.CamundaClient client;

  @Test
  void caseworkerCompletesAFormInChromium() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Baraka", 10)))
        .get("id").asText();
    MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    // an incident on another case, for the admin's engine problems page
    var other = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Imani", 9)));
    long failedJob = EngineProblemsTest.failForGood(client, other.get("id").asText(), other.get("caseNumber").asText()).getKey();

    ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "src/test/browser/tasklist.test.mjs")
        .directory(new File(".")).redirectErrorStream(true);
    node.environment().putAll(Map.of("BASE_URL", "http://127.0.0.1:" + port, "CASE_ID", caseId,
        "SCREENSHOT", "target/tasklist-form.png",
        "INCIDENT_CASE", other.get("caseNumber").asText()));
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("browser test finished").isTrue();
    System.out.println(output);
    assertThat(process.exitValue()).as("browser test output:%n%s", output).isZero();
    // the admin retried the incident in the browser: its step runs again
    assertThat(EngineProblemsTest.activate(client).getKey()).isEqualTo(failedJob);
  }
}
