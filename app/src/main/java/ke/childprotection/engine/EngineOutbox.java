package ke.childprotection.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one way the app changes what a process does: an engine command is recorded in the same
 * transaction as the change that causes it, and {@link OutboxDispatcher} sends it once that transaction
 * has committed, retrying with backoff until the engine acknowledges it. Every command is idempotent in
 * the engine (a message with its id; a case's process started by a message, one per case number), so a
 * command sent twice after a lost answer changes nothing the second time.
 */
@Component
public class EngineOutbox {
  static final String PUBLISH_MESSAGE = "PUBLISH_MESSAGE";
  static final String SET_CASE_VARIABLES = "SET_CASE_VARIABLES";
  static final String RETRY_INCIDENT = "RETRY_INCIDENT";

  private final JdbcClient db;
  private final ObjectMapper json;
  private final OutboxDispatcher dispatcher;

  EngineOutbox(JdbcClient db, ObjectMapper json, OutboxDispatcher dispatcher) {
    this.db = db;
    this.json = json;
    this.dispatcher = dispatcher;
  }

  /**
   * Publishes a message once the current transaction commits. {@code messageId} makes a repeat harmless:
   * the engine refuses a second message with the same id while the first is kept ({@code timeToLive}).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void publishMessage(UUID caseId, String name, String correlationKey, String messageId, Duration timeToLive,
      Map<String, ?> variables) {
    db.sql("""
        insert into engine_command (created_at, case_id, kind, message_name, correlation_key, message_id, time_to_live_ms,
          variables, state, next_attempt_at)
        values (:now, :caseId, :kind, :name, :key, :messageId, :ttl, :variables, 'PENDING', :now)
        """)
        .param("now", OffsetDateTime.now()).param("caseId", caseId).param("kind", PUBLISH_MESSAGE).param("name", name)
        .param("key", correlationKey).param("messageId", messageId).param("ttl", timeToLive.toMillis())
        .param("variables", write(variables)).update();
    AfterCommit.run(dispatcher::wake);
  }

  /**
   * As {@link #publishMessage}, for the message that starts a new case's process, recorded in the
   * transaction that creates the case: no earlier command of the case can exist, so this instance claims
   * the command as it records it and sends it at once after the commit, off the caller's thread (no
   * round of the dispatcher's loop to find and claim it). Not acknowledged, or this instance gone before
   * it was, the command is the dispatcher's once its claim ends, as any other.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void startCaseProcess(UUID caseId, String name, String correlationKey, String messageId, Duration timeToLive,
      Map<String, ?> variables) {
    OffsetDateTime now = OffsetDateTime.now();
    String written = write(variables);
    var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
    db.sql("""
        insert into engine_command (created_at, case_id, kind, message_name, correlation_key, message_id, time_to_live_ms,
          variables, state, next_attempt_at, claimed_until)
        values (:now, :caseId, :kind, :name, :key, :messageId, :ttl, :variables, 'PENDING', :now, :claimedUntil)
        """)
        .param("now", now).param("caseId", caseId).param("kind", PUBLISH_MESSAGE).param("name", name)
        .param("key", correlationKey).param("messageId", messageId).param("ttl", timeToLive.toMillis())
        .param("variables", written).param("claimedUntil", dispatcher.claimedUntil(now)).update(key, "id");
    var command = new OutboxDispatcher.Command(key.getKeyAs(Number.class).longValue(), caseId, PUBLISH_MESSAGE, name,
        correlationKey, messageId, timeToLive.toMillis(), written, 0, null);
    AfterCommit.run(() -> dispatcher.sendClaimed(command));
  }

  /**
   * Sets variables on the case's own process instance once the current transaction commits (and once
   * the instance has started: the case learns its instance key from its first step).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void setCaseVariables(UUID caseId, Map<String, ?> variables) {
    db.sql("""
        insert into engine_command (created_at, case_id, kind, variables, state, next_attempt_at)
        values (:now, :caseId, :kind, :variables, 'PENDING', :now)
        """)
        .param("now", OffsetDateTime.now()).param("caseId", caseId).param("kind", SET_CASE_VARIABLES)
        .param("variables", write(variables)).update();
    AfterCommit.run(dispatcher::wake);
  }

  /**
   * Gives the incident's job {@code retries} retries (when the incident is a job's) and resolves the
   * incident once the current transaction commits; an incident already resolved counts as done.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void retryIncident(UUID caseId, long incidentKey, long jobKey, int retries) {
    db.sql("""
        insert into engine_command (created_at, case_id, kind, target_key, variables, state, next_attempt_at)
        values (:now, :caseId, :kind, :incident, :parameters, 'PENDING', :now)
        """)
        .param("now", OffsetDateTime.now()).param("caseId", caseId).param("kind", RETRY_INCIDENT)
        .param("incident", incidentKey).param("parameters", write(Map.of("jobKey", jobKey, "retries", retries))).update();
    AfterCommit.run(dispatcher::wake);
  }

  private String write(Map<String, ?> variables) {
    try {
      return json.writeValueAsString(variables);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("engine command variables are not JSON", e);
    }
  }
}
