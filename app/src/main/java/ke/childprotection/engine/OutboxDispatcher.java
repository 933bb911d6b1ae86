package ke.childprotection.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import ke.childprotection.support.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends the commands of {@link EngineOutbox} in the order they were recorded for each case (the cases
 * side by side, {@code mcc.engine.outbox.parallel-sends} at a time: one engine round trip after
 * another would cap intake at what one round trip allows): at once after their
 * transaction commits, and again on a schedule for those that could not be sent (engine unavailable,
 * busy, a lost answer, an app killed in between). A command stays PENDING, with its attempts and last
 * error, until the engine acknowledges it; each attempt waits longer (backoff). Several app instances
 * may share the table: a command is claimed for a while before it is sent. Nothing is sent to an engine
 * that does not belong to this database.
 */
@Component
class OutboxDispatcher implements ke.childprotection.support.RunsInBackground {
  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final JdbcClient db;
  private final CamundaClient client;
  private final EngineBinding binding;
  private final ObjectMapper json;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final Duration requestTimeout;
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private final BackgroundLoop loop;
  private final java.util.concurrent.ExecutorService senders;

  OutboxDispatcher(JdbcClient db, CamundaClient client, EngineBinding binding, ObjectMapper json,
      @Value("${mcc.engine.outbox.poll-interval}") Duration pollInterval,
      @Value("${mcc.engine.outbox.first-backoff}") Duration firstBackoff,
      @Value("${mcc.engine.outbox.max-backoff}") Duration maxBackoff,
      @Value("${mcc.engine.outbox.request-timeout}") Duration requestTimeout,
      @Value("${mcc.engine.outbox.parallel-sends}") int parallelSends) {
    this.senders = java.util.concurrent.Executors.newFixedThreadPool(parallelSends,
        Thread.ofPlatform().daemon().name("engine-outbox-send-", 1).factory());
    this.db = db;
    this.client = client;
    this.binding = binding;
    this.json = json;
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
    this.requestTimeout = requestTimeout;
    this.loop = new BackgroundLoop("engine-outbox", pollInterval, this::drain);
  }

  /** Something was recorded: send it soon (coalesced; never blocks the caller). */
  void wake() {
    if (wakeQueued.compareAndSet(false, true)) {
      loop.wake();
    }
  }

  /**
   * Sends a command this instance claimed as it recorded it ({@link EngineOutbox#startCaseProcess}), on a
   * sender thread: acknowledged, it is done; not, it waits for its next attempt as any other.
   */
  void sendClaimed(Command command) {
    if (!binding.isBound()) {
      return; // its claim ends and the dispatcher's loop (which checks the engine) has it
    }
    try {
      senders.execute(() -> send(command));
    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
      // the app is stopping: the command stays recorded, claimed until its claim ends
    }
  }

  /** Until when a command being sent now is this instance's (no other sends it meanwhile). */
  OffsetDateTime claimedUntil(OffsetDateTime now) {
    return now.plus(requestTimeout.multipliedBy(3));
  }

  record Command(long id, UUID caseId, String kind, String messageName, String correlationKey, String messageId,
      Long timeToLiveMs, String variables, int attempts, Long targetKey) {}

  /** Sends every due command; returns how many were acknowledged. */
  int drain() {
    return drain(OffsetDateTime.now());
  }

  /** Sends the commands due at {@code now} (tests pass a later time to act on a command that waits). */
  int drain(OffsetDateTime now) {
    wakeQueued.set(false);
    if (!binding.isBound()) {
      return 0;
    }
    int acknowledged = 0;
    while (true) {
      List<Command> due = db.sql("""
          select id, case_id, kind, message_name, correlation_key, message_id, time_to_live_ms, variables, attempts,
            target_key
          from engine_command c where state = 'PENDING' and next_attempt_at <= :now
            and (claimed_until is null or claimed_until < :now)
            and not exists (select 1 from engine_command e where e.case_id = c.case_id and e.state = 'PENDING' and e.id < c.id
              and (e.next_attempt_at > :now or (e.claimed_until is not null and e.claimed_until >= :now)))
          order by id fetch first 100 rows only
          """).param("now", now)
          .query((rs, i) -> new Command(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
              rs.getString(5), rs.getString(6), (Long) rs.getObject(7), rs.getString(8), rs.getInt(9),
              (Long) rs.getObject(10)))
          .list();
      if (due.isEmpty()) {
        return acknowledged;
      }
      // one case's commands in their order (a later one is not sent before an earlier one is acknowledged)
      Map<Object, List<Command>> byCase = new java.util.LinkedHashMap<>();
      due.forEach(c -> byCase.computeIfAbsent(c.caseId() == null ? (Object) c.id() : c.caseId(), k -> new java.util.ArrayList<>())
          .add(c));
      List<java.util.concurrent.Callable<Integer>> rounds = byCase.values().stream()
          .<java.util.concurrent.Callable<Integer>>map(commands -> () -> sendInOrder(commands, now)).toList();
      int sentThisRound = 0;
      try {
        for (var round : senders.invokeAll(rounds)) {
          sentThisRound += round.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return acknowledged + sentThisRound;
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("engine commands not sent: {}", e.getCause().toString());
      }
      acknowledged += sentThisRound;
      if (sentThisRound == 0) {
        return acknowledged;
      }
    }
  }

  /** Sends one case's commands in order, stopping at the first the engine did not acknowledge. */
  private int sendInOrder(List<Command> commands, OffsetDateTime now) {
    int sent = 0;
    for (Command command : commands) {
      if (!claim(command, now)) {
        return sent;
      }
      if (!send(command)) {
        return sent;
      }
      sent++;
    }
    return sent;
  }

  private boolean claim(Command command, OffsetDateTime now) {
    return db.sql("""
        update engine_command set claimed_until = :until
        where id = :id and state = 'PENDING' and (claimed_until is null or claimed_until < :now)
        """).param("until", claimedUntil(now)).param("id", command.id()).param("now", now)
        .update() == 1;
  }

  /** Returns true when the engine acknowledged the command (or it has nothing left to act on). */
  private boolean send(Command command) {
    try {
      Map<String, Object> variables = json.readValue(command.variables(), new TypeReference<>() {});
      if (EngineOutbox.PUBLISH_MESSAGE.equals(command.kind())) {
        client.newPublishMessageCommand().messageName(command.messageName()).correlationKey(command.correlationKey())
            .messageId(command.messageId()).timeToLive(Duration.ofMillis(command.timeToLiveMs())).variables(variables)
            .requestTimeout(requestTimeout).send().join();
      } else if (EngineOutbox.RETRY_INCIDENT.equals(command.kind())) {
        long jobKey = ((Number) variables.get("jobKey")).longValue();
        if (jobKey > 0) {
          try {
            client.newUpdateRetriesCommand(jobKey).retries(((Number) variables.get("retries")).intValue())
                .requestTimeout(requestTimeout).send().join();
          } catch (ClientStatusException e) {
            if (e.getStatusCode() != Status.Code.NOT_FOUND) {
              throw e;
            }
            // the job is gone (its step ended or was cancelled): resolving the incident is what is left
          }
        }
        client.newResolveIncidentCommand(command.targetKey()).requestTimeout(requestTimeout).send().join();
      } else {
        Optional<Long> instance = instanceOf(command.caseId());
        if (instance.isEmpty()) {
          retryLater(command, "the case's process has not reported its start yet");
          return false;
        }
        client.newSetVariablesCommand(instance.get()).variables(variables).local(false).requestTimeout(requestTimeout)
            .send().join();
      }
      finish(command, "SENT", null);
      return true;
    } catch (ClientStatusException e) {
      Status.Code code = e.getStatusCode();
      if (code == Status.Code.ALREADY_EXISTS) {
        // the same message id was published before: an earlier attempt got through, its answer did not
        finish(command, "SENT", "acknowledged earlier: " + e.getMessage());
        return true;
      }
      if (code == Status.Code.NOT_FOUND && EngineOutbox.SET_CASE_VARIABLES.equals(command.kind())) {
        finish(command, "DROPPED", "the case's process has ended: " + e.getMessage());
        return true;
      }
      if (code == Status.Code.NOT_FOUND && EngineOutbox.RETRY_INCIDENT.equals(command.kind())) {
        finish(command, "SENT", "the incident was resolved already: " + e.getMessage());
        return true;
      }
      retryLater(command, code + ": " + e.getMessage());
      return false;
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
      retryLater(command, e.toString());
      return false;
    }
  }

  private Optional<Long> instanceOf(UUID caseId) {
    return db.sql("select process_instance_key from child_case where id = :id").param("id", caseId)
        .query((rs, i) -> (Long) rs.getObject(1)).optional();
  }

  private void finish(Command command, String state, String note) {
    db.sql("""
        update engine_command set state = :state, sent_at = :now, attempts = attempts + 1, claimed_until = null,
          last_error = :note
        where id = :id
        """).param("state", state).param("now", OffsetDateTime.now()).param("note", truncate(note))
        .param("id", command.id()).update();
  }

  private void retryLater(Command command, String error) {
    Duration wait = backoff(command.attempts() + 1);
    db.sql("""
        update engine_command set attempts = attempts + 1, next_attempt_at = :next, claimed_until = null, last_error = :error
        where id = :id
        """).param("next", OffsetDateTime.now().plus(wait)).param("error", truncate(error)).param("id", command.id())
        .update();
    log.warn("Engine command {} ({} {}) not acknowledged, attempt {}; next in {}: {}", command.id(), command.kind(),
        command.messageName() == null ? "" : command.messageName(), command.attempts() + 1, wait, error);
  }

  /** 1st retry after first-backoff, doubling up to max-backoff. */
  Duration backoff(int attempt) {
    return BackgroundLoop.doubling(firstBackoff, maxBackoff, attempt);
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }

  @Override
  public BackgroundLoop loop() {
    return loop;
  }

  @jakarta.annotation.PreDestroy
  void closeSenders() {
    senders.shutdownNow();
  }
}
