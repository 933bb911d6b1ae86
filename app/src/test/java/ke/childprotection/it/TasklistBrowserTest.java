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

  @Test
  void caseworkerCompletesAFormInChromium() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Baraka", 10)))
        .get("id").asText();
    MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");

    ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "src/test/browser/tasklist.test.mjs")
        .directory(new File(".")).redirectErrorStream(true);
    node.environment().putAll(Map.of("BASE_URL", "http://127.0.0.1:" + port, "CASE_ID", caseId,
        "SCREENSHOT", "target/tasklist-form.png"));
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("browser test finished").isTrue();
    System.out.println(output);
    assertThat(process.exitValue()).as("browser test output:%n%s", output).isZero();
  }
}
