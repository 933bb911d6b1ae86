package ke.childprotection.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ke.childprotection.engine.durable.DurableEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which engine this database belongs to, checked at start. Job keys and process instance keys are
 * unique within one engine's history only, so a database must never be worked against another engine
 * (or an empty one: a lost engine directory, a new cluster): tasks would be cancelled because the
 * engine does not know them, keys reused, corrections sent to another child's process.
 *
 * <p>Both sides hold the same random id: the database in {@code engine_binding}, the engine as a
 * deployed decision ({@value #DECISION_ID}) that evaluates to it, which any Zeebe engine reached over
 * gRPC can answer. A fresh database on a fresh engine binds them. Anything else that differs is a
 * mismatch: the app then starts no job worker and reconciles nothing, and says why in the log, in
 * {@code /actuator/health} and on the supervisors' pages.
 */
@Component
public class EngineBinding implements HealthIndicator {
  static final String DECISION_ID = "mcc-engine-identity";
  private static final Logger log = LoggerFactory.getLogger(EngineBinding.class);

  private final JdbcTemplate jdbc;
  private final CamundaClient client;
  private final int attempts;
  private final String engineId;
  private final String problem;

  EngineBinding(JdbcTemplate jdbc, CamundaClient client, ObjectProvider<DurableEngine> embeddedEngine,
      @Value("${mcc.engine.deploy-attempts:30}") int attempts) throws InterruptedException {
    embeddedEngine.ifAvailable(engine -> log.debug("checking the embedded engine at {}", engine.getGatewayAddress()));
    this.jdbc = jdbc;
    this.client = client;
    this.attempts = attempts;
    Outcome outcome = check();
    this.engineId = outcome.engineId();
    this.problem = outcome.problem();
    if (problem == null) {
      log.info("Engine {} belongs to this database", engineId);
    } else {
      log.error("ENGINE MISMATCH: {} No job worker runs and no task is reconciled until this is put right.", problem);
    }
  }

  /** The bound engine's id; empty when database and engine do not belong together. */
  public Optional<String> engineId() {
    return problem == null ? Optional.of(engineId) : Optional.empty();
  }

  public boolean isBound() {
    return problem == null;
  }

  /** Why the app does not work against this engine, for people; empty when it does. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  @Override
  public Health health() {
    return problem == null ? Health.up().withDetail("engine", engineId).build()
        : Health.down().withDetail("reason", problem).build();
  }

  private record Row(String engineId, boolean confirmed) {}

  private record Outcome(String engineId, String problem) {
    static Outcome bound(String engineId) {
      return new Outcome(engineId, null);
    }

    static Outcome mismatch(String problem) {
      return new Outcome(null, problem);
    }
  }

  private Outcome check() throws InterruptedException {
    Optional<String> inEngine = Retrying.untilReachable(this::idInEngine, attempts, "reading the engine's identity");
    Optional<Row> inDatabase = row();
    if (inDatabase.isEmpty()) {
      if (inEngine.isPresent()) {
        return Outcome.mismatch("The engine already belongs to another database (engine " + inEngine.get()
            + "), but this database has no engine yet. Point the app at the database that engine belongs to, or at an empty engine.");
      }
      String id = UUID.randomUUID().toString();
      try {
        jdbc.update("insert into engine_binding (id, engine_id, confirmed, bound_at) values (1, ?, false, ?)",
            id, OffsetDateTime.now());
      } catch (DuplicateKeyException anotherInstanceWasFaster) {
        return check();
      }
      inDatabase = row();
    }
    Row bound = inDatabase.orElseThrow();
    if (inEngine.isEmpty() && !bound.confirmed()) {
      // Bound in the database, not yet in the engine (first start, or a crash between the two steps).
      Retrying.untilReachable(() -> deploy(bound.engineId()), attempts, "recording the engine's identity");
      jdbc.update("update engine_binding set confirmed = true where engine_id = ?", bound.engineId());
      log.info("Bound this database to a new engine {}", bound.engineId());
      return Outcome.bound(bound.engineId());
    }
    if (inEngine.isEmpty()) {
      return Outcome.mismatch("The engine is empty, but this database belongs to engine " + bound.engineId()
          + " and its open cases live there. Was the engine's directory deleted or replaced, or is the app pointed at another cluster? "
          + "Restore that engine (or its directory) instead of starting a new one.");
    }
    if (!inEngine.get().equals(bound.engineId())) {
      return Outcome.mismatch("This database belongs to engine " + bound.engineId() + " but the app reached engine "
          + inEngine.get() + ". Point the app at its own engine (or the engine at its own database).");
    }
    if (!bound.confirmed()) {
      jdbc.update("update engine_binding set confirmed = true where engine_id = ?", bound.engineId());
    }
    return Outcome.bound(bound.engineId());
  }

  private Optional<Row> row() {
    List<Row> rows = jdbc.query("select engine_id, confirmed from engine_binding",
        (rs, i) -> new Row(rs.getString(1), rs.getBoolean(2)));
    return rows.stream().findFirst();
  }

  private Optional<String> idInEngine() {
    try {
      String output = client.newEvaluateDecisionCommand().decisionId(DECISION_ID).send().join().getDecisionOutput();
      return Optional.of(output.replace("\"", "").trim());
    } catch (ClientStatusException e) {
      if (e.getStatusCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Void deploy(String id) {
    String dmn = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="mcc-engine-identity-definitions"
            name="Engine identity" namespace="http://camunda.org/schema/1.0/dmn">
          <decision id="%s" name="Which database this engine belongs to">
            <variable name="engineId" typeRef="string" />
            <literalExpression><text>"%s"</text></literalExpression>
          </decision>
        </definitions>
        """.formatted(DECISION_ID, id);
    client.newDeployResourceCommand().addResourceBytes(dmn.getBytes(StandardCharsets.UTF_8), DECISION_ID + ".dmn")
        .send().join();
    return null;
  }
}
