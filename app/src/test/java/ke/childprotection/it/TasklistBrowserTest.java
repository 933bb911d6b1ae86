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

    // a case whose public alert waits for the supervisor, with a photo
    String alertCaseId = alertAwaitingApproval(caseworker);

    ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec", "src/test/browser/tasklist.test.mjs")
        .directory(new File(".")).redirectErrorStream(true);
    node.environment().putAll(Map.of("BASE_URL", "http://127.0.0.1:" + port, "CASE_ID", caseId,
        "SCREENSHOT", "target/tasklist-form.png",
        "INCIDENT_CASE", other.get("caseNumber").asText(), "ALERT_CASE_ID", alertCaseId));
    Process process = node.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("browser test finished").isTrue();
    System.out.println(output);
    assertThat(process.exitValue()).as("browser test output:%n%s", output).isZero();
    // the admin retried the incident in the browser: its step runs again
    assertThat(EngineProblemsTest.activate(client).getKey()).isEqualTo(failedJob);
  }

  private static String alertAwaitingApproval(Api caseworker) throws Exception {
    java.util.Map<String, Object> report = MissingChildCaseEndToEndTest.report("Wangui", 12);
    report.put("clothingAndMarks", "yellow school sweater, braided hair");
    String caseId = caseworker.ok(caseworker.post("/api/cases", report)).get("id").asText();
    var accept = MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    MissingChildCaseEndToEndTest.complete(caseworker, accept, Map.of("acceptConfirmed", true));
    MissingChildCaseEndToEndTest.complete(caseworker, MissingChildCaseEndToEndTest.awaitTask(caseworker, "MINE", caseId, "Task_StartSearch"),
        Map.of("firstActionsTaken", java.util.List.of("POLICE_OB"), "searchActions", "OB 9/01/12/2026 Kibra; the school and the stage",
            "nextSteps", "hospitals"));
    MissingChildCaseEndToEndTest.complete(caseworker, MissingChildCaseEndToEndTest.awaitTask(caseworker, "MINE", caseId, "Task_AssessRisk"),
        Map.of("withUnknownAdult", true, "riskNotes", "left with a man nobody knows"));
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(90, 120, java.awt.image.BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(0xe8edf1));
    g.fillRect(0, 0, 90, 120);
    g.setColor(new java.awt.Color(0x5a3a1e));
    g.fillOval(22, 25, 46, 60);
    g.dispose();
    java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", png);
    caseworker.ok(caseworker.upload("/api/cases/" + caseId + "/documents", "PHOTO", "wangui.png", "image/png", png.toByteArray()));
    return caseId;
  }
}
