package ke.childprotection.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import ke.childprotection.engine.durable.DurableEngine;
import ke.childprotection.it.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine boundary under faults: a database and an engine that do not belong together, an engine
 * that does not answer, a transaction that fails after recording a command.
 */
@IntegrationTest
class EngineFaultsTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired JdbcClient db;
  @Autowired CamundaClient client;
  @Autowired EngineBinding binding;
  @Autowired EngineOutbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired TransactionTemplate tx;
  @Autowired ObjectMapper json;
  @Autowired ObjectProvider<DurableEngine> noEngine;
  @TempDir Path emptyEngineDirectory;

  @Test
  void theAppsOwnEngineIsBound() {
    assertThat(binding.isBound()).isTrue();
    assertThat(binding.health().getStatus()).isEqualTo(Status.UP);
    assertThat(binding.engineId()).hasValue(jdbc.queryForObject("select engine_id from engine_binding", String.class));
  }

  @Test
  void anEmptyEngineIsRefusedWithItsReason() throws Exception {
    DurableEngine empty = DurableEngine.open(emptyEngineDirectory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        DurableEngine.Settings.defaults());
    empty.start();
    try (CamundaClient toEmpty = clientOf(empty.getGatewayAddress())) {
      EngineBinding onEmpty = new EngineBinding(jdbc, toEmpty, noEngine, 3);
      assertThat(onEmpty.isBound()).isFalse();
      assertThat(onEmpty.engineId()).isEmpty();
      assertThat(onEmpty.health().getStatus()).isEqualTo(Status.DOWN);
      assertThat(onEmpty.problem().orElseThrow()).contains("The engine is empty");
      // and nothing was written into the empty engine: it is still empty
      assertThat(new EngineBinding(jdbc, toEmpty, noEngine, 3).problem().orElseThrow()).contains("The engine is empty");
    } finally {
      empty.stop();
    }
  }

  @Test
  void anotherEngineIsRefusedWithItsReason() throws Exception {
    String bound = jdbc.queryForObject("select engine_id from engine_binding", String.class);
    try {
      jdbc.update("update engine_binding set engine_id = 'another-database-engine'");
      EngineBinding mismatched = new EngineBinding(jdbc, client, noEngine, 3);
      assertThat(mismatched.isBound()).isFalse();
      assertThat(mismatched.problem().orElseThrow())
          .contains("belongs to engine another-database-engine").contains("reached engine " + bound);
    } finally {
      jdbc.update("update engine_binding set engine_id = ?", bound);
    }
  }

  @Test
  void aCommandOfAFailedTransactionIsNeverSent() {
    long before = commands();
    tx.executeWithoutResult(status -> {
      outbox.publishMessage(null, "outbox-test", "rolled-back", "outbox-test:rolled-back", Duration.ofMinutes(1), Map.of());
      status.setRollbackOnly();
    });
    assertThat(commands()).isEqualTo(before);
  }

  @Test
  void aCasesCommandsGoInTheirOrderWhileOtherCasesGoAhead() {
    java.util.UUID waitingCase = java.util.UUID.randomUUID();
    // the case's first command waits (as after a failed attempt); its second must wait behind it
    tx.executeWithoutResult(status -> {
      outbox.publishMessage(waitingCase, "outbox-test", "order-1", "outbox-test:order-1", Duration.ofMinutes(1), Map.of());
      jdbc.update("update engine_command set next_attempt_at = ? where message_id = 'outbox-test:order-1'",
          OffsetDateTime.now().plusHours(1));
      outbox.publishMessage(waitingCase, "outbox-test", "order-2", "outbox-test:order-2", Duration.ofMinutes(1), Map.of());
      outbox.publishMessage(null, "outbox-test", "order-other", "outbox-test:order-other", Duration.ofMinutes(1), Map.of());
    });
    dispatcher.drain();
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(state("outbox-test:order-other")));
    dispatcher.drain();
    assertThat(state("outbox-test:order-2")).as("not before the case's earlier command").isEqualTo("PENDING");
    assertThat(state("outbox-test:order-1")).isEqualTo("PENDING");

    jdbc.update("update engine_command set next_attempt_at = ? where message_id = 'outbox-test:order-1'", OffsetDateTime.now());
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(state("outbox-test:order-2")));
    assertThat(jdbc.queryForObject("select sent_at from engine_command where message_id = 'outbox-test:order-1'", OffsetDateTime.class))
        .isBeforeOrEqualTo(jdbc.queryForObject("select sent_at from engine_command where message_id = 'outbox-test:order-2'",
            OffsetDateTime.class));
  }

  private String state(String messageId) {
    return jdbc.queryForObject("select state from engine_command where message_id = ?", String.class, messageId);
  }

  @Test
  void aCommandTheEngineDidNotTakeIsRetriedUntilItIs() throws Exception {
    // recorded as due in an hour (before it commits), so that only the unreachable engine below tries it now
    tx.executeWithoutResult(status -> {
      outbox.publishMessage(null, "outbox-test", "retry", "outbox-test:retry", Duration.ofMinutes(1), Map.of("n", 1));
      jdbc.update("update engine_command set next_attempt_at = ? where message_id = 'outbox-test:retry'",
          OffsetDateTime.now().plusHours(1));
    });
    long id = db.sql("select id from engine_command where message_id = 'outbox-test:retry'").query(Long.class).single();
    try (CamundaClient unreachable = clientOf("127.0.0.1:" + closedPort())) {
      OutboxDispatcher failing = new OutboxDispatcher(db, unreachable, binding, json, Duration.ofSeconds(1),
          Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(5), 4);
      assertThat(failing.drain(OffsetDateTime.now().plusHours(2))).isZero();
    }
    assertThat(jdbc.queryForObject("select state from engine_command where id = ?", String.class, id)).isEqualTo("PENDING");
    assertThat(jdbc.queryForObject("select attempts from engine_command where id = ?", Integer.class, id)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select last_error from engine_command where id = ?", String.class, id)).contains("UNAVAILABLE");
    // the app's own dispatcher takes it after the backoff
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(
        () -> "SENT".equals(jdbc.queryForObject("select state from engine_command where id = ?", String.class, id)));

    // sent again (its answer lost): the engine knows the message id, and that counts as delivered
    tx.executeWithoutResult(status -> outbox.publishMessage(null, "outbox-test", "retry", "outbox-test:retry",
        Duration.ofMinutes(1), Map.of("n", 1)));
    long repeat = db.sql("select max(id) from engine_command where message_id = 'outbox-test:retry'").query(Long.class).single();
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(
        () -> "SENT".equals(jdbc.queryForObject("select state from engine_command where id = ?", String.class, repeat)));
    assertThat(jdbc.queryForObject("select last_error from engine_command where id = ?", String.class, repeat))
        .contains("acknowledged earlier");
  }

  @Test
  void aNewCasesStartIsSentAtOnceByTheInstanceThatRecordedIt() {
    String messageId = "outbox-test:start-" + java.util.UUID.randomUUID();
    tx.executeWithoutResult(status -> outbox.startCaseProcess(java.util.UUID.randomUUID(), "outbox-test", "start", messageId,
        Duration.ofMinutes(1), Map.of("n", 1)));
    Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> "SENT".equals(state(messageId)));
    assertThat(jdbc.queryForObject("select attempts from engine_command where message_id = ?", Integer.class, messageId))
        .as("one attempt: the dispatcher's loop left it to its claim").isEqualTo(1);
    assertThat(jdbc.queryForObject("select claimed_until from engine_command where message_id = ?", OffsetDateTime.class,
        messageId)).isNull();
    // by the instance that claimed it: the dispatcher's loop could have sent it only once the claim ran out
    assertThat(jdbc.queryForObject("select sent_at from engine_command where message_id = ?", OffsetDateTime.class, messageId))
        .isBefore(jdbc.queryForObject("select created_at from engine_command where message_id = ?", OffsetDateTime.class, messageId)
            .plus(Duration.ofSeconds(45)));
  }

  @Test
  void aStartTheEngineDidNotTakeAtOnceIsTheDispatchersAfterwards() throws Exception {
    String messageId = "outbox-test:start-" + java.util.UUID.randomUUID();
    java.util.UUID caseId = java.util.UUID.randomUUID();
    // recorded as the intake records it (claimed by its instance), sent at once to an engine that does not answer
    jdbc.update("""
        insert into engine_command (created_at, case_id, kind, message_name, correlation_key, message_id, time_to_live_ms,
          variables, state, next_attempt_at, claimed_until)
        values (?, ?, 'PUBLISH_MESSAGE', 'outbox-test', 'start', ?, 60000, '{}', 'PENDING', ?, ?)""",
        OffsetDateTime.now(), caseId, messageId, OffsetDateTime.now(), OffsetDateTime.now().plusHours(1));
    long id = db.sql("select id from engine_command where message_id = :id").param("id", messageId).query(Long.class).single();
    dispatcher.drain();
    assertThat(state(messageId)).as("claimed: not the loop's").isEqualTo("PENDING");
    try (CamundaClient unreachable = clientOf("127.0.0.1:" + closedPort())) {
      OutboxDispatcher failing = new OutboxDispatcher(db, unreachable, binding, json, Duration.ofSeconds(1),
          Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(5), 4);
      failing.sendClaimed(new OutboxDispatcher.Command(id, caseId, "PUBLISH_MESSAGE", "outbox-test", "start", messageId, 60_000L,
          "{}", 0, null));
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(
          () -> jdbc.queryForObject("select attempts from engine_command where id = ?", Integer.class, id) == 1);
      failing.closeSenders();
    }
    assertThat(jdbc.queryForObject("select last_error from engine_command where id = ?", String.class, id)).contains("UNAVAILABLE");
    // its claim released, the app's own dispatcher sends it after the backoff
    Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "SENT".equals(state(messageId)));
  }

  @Test
  void backoffDoublesUpToItsLimit() {
    assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(dispatcher.backoff(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(dispatcher.backoff(40)).isEqualTo(Duration.ofMinutes(5));
  }

  private long commands() {
    return jdbc.queryForObject("select count(*) from engine_command", Long.class);
  }

  private static CamundaClient clientOf(String address) {
    return CamundaClient.newClientBuilder().grpcAddress(URI.create("http://" + address)).preferRestOverGrpc(false)
        .build();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
