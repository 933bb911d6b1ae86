package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.notification.NotificationRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Policy is configuration: with the risk-assessment deadline set to 30 minutes instead of the default
 * 2 hours, and no Java change, the engine sets the task's due date and alerts the supervisor at 30 minutes.
 */
@IntegrationTest
// Its own application context (other configuration), so its own schema and engine.
@TestPropertySource(properties = {"mcc.policy.riskAssessmentDeadline=PT30M", "MCC_DB_SCHEMA=mcc_it_policy"})
// its own context (schema, engine, background loops): closed when the class is done, so that it does not
// compete with the shared context for the two cores while later classes run
@org.springframework.test.annotation.DirtiesContext
class PolicyFromConfigurationTest {
  @LocalServerPort int port;
  @Autowired ZeebeTestEngine engine;
  @Autowired NotificationRepository notifications;

  @Test
  void aShorterConfiguredDeadlineIsWhatTheEngineEnforces() {
    Api caseworker = new Api(port, "cw.nairobi");
    JsonNode created = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Sifa", 14)));
    String caseId = created.get("id").asText();
    OffsetDateTime reportedAt = OffsetDateTime.parse(created.get("reportedAt").asText());
    JsonNode accept = MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    MissingChildCaseEndToEndTest.complete(caseworker, accept, Map.of("acceptConfirmed", true));

    JsonNode assess = MissingChildCaseEndToEndTest.awaitTask(caseworker, "MINE", caseId, "Task_AssessRisk");
    Duration dueAfterReport = Duration.between(reportedAt, OffsetDateTime.parse(assess.get("due").asText()));
    assertThat(dueAfterReport).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(31));

    engine.increaseTime(Duration.ofMinutes(31));
    await().atMost(Duration.ofSeconds(20)).until(() -> notifications.findByCaseId(UUID.fromString(caseId)).stream()
        .anyMatch(n -> n.getReason().equals("RISK_ASSESSMENT_OVERDUE")));
  }
}
