package ke.childprotection.engine;

import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.protocol.record.intent.MessageStartEventSubscriptionIntent;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import io.camunda.zeebe.protocol.record.value.MessageStartEventSubscriptionRecordValue;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ke.childprotection.engine.durable.DurableEngine;
import ke.childprotection.support.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps in the database what the in-process engine's record log says about incidents and about the
 * steps each process instance is at — the way Zeebe's exporters feed Operate — so that the app can list
 * incidents and find cases whose process waits for nothing. It reads the log from where it stopped (the
 * position is committed with the rows it caused, so each record counts once) and tells the engine to
 * keep its log from there on. It also tells a case the instance its start message created. It runs only
 * while this database belongs to the engine.
 */
@Component
@ConditionalOnBean(DurableEngine.class)
public class EngineMirror implements ke.childprotection.support.RunsInBackground {
  private static final Logger log = LoggerFactory.getLogger(EngineMirror.class);
  private static final int BATCH = 2000;
  /** The variable a process started again for a stuck case carries: {attempt, caseProcess}. */
  public static final String RESTART_VARIABLE = "mccRestart";
  private static final Set<String> CASE_START_MESSAGES = Set.of(ProcessModels.MISSING_CHILD_REPORTED, ProcessModels.FOUND_CHILD_REGISTERED);

  private final DurableEngine engine;
  private final JdbcClient db;
  private final org.springframework.jdbc.core.JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final EngineBinding binding;
  private final BackgroundLoop loop;
  private final List<ElementsTerminated> listeners;
  private volatile long position = -1;
  private volatile boolean complete;
  private volatile boolean caughtUp;
  private final Duration quietPositionInterval;
  private volatile Instant positionStoredAt = Instant.EPOCH;

  /**
   * Told, after they are recorded, of the element instances the engine terminated (a boundary event
   * interrupted them, their process was cancelled). Best effort: a listener that fails or a stop in
   * between is not told again, so a listener keeps a check of its own as well.
   */
  public interface ElementsTerminated {
    void terminated(List<Long> elementInstanceKeys);
  }

  EngineMirror(DurableEngine engine, JdbcClient db, org.springframework.jdbc.core.JdbcTemplate jdbc, TransactionTemplate tx,
      EngineBinding binding,
      @Value("${mcc.engine.mirror.poll-interval}") Duration pollInterval,
      @Value("${mcc.engine.mirror.quiet-position-interval}") Duration quietPositionInterval,
      org.springframework.beans.factory.ObjectProvider<ElementsTerminated> listeners) {
    this.quietPositionInterval = quietPositionInterval;
    this.listeners = listeners.orderedStream().toList();
    this.engine = engine;
    this.db = db;
    this.jdbc = jdbc;
    this.tx = tx;
    this.binding = binding;
    this.loop = new BackgroundLoop("engine-mirror", pollInterval, this::catchUp);
  }

  /**
   * True when the mirror has seen the engine's whole history (false after an upgrade that started it on
   * an engine whose older log was already deleted: steps begun before then are not known).
   */
  public boolean isComplete() {
    return complete;
  }

  /** True when the last round found nothing new in the log. */
  public boolean isCaughtUp() {
    return caughtUp;
  }

  /** Reads every record written so far; returns how many it read. */
  public synchronized int catchUp() {
    if (!binding.isBound()) {
      return 0;
    }
    if (position < 0) {
      load();
    }
    int total = 0;
    while (true) {
      Batch batch = new Batch();
      long[] counted = new long[1];
      long from = position;
      long last = engine.readAfter(from, BATCH, EngineMirror::wanted, record -> {
        counted[0]++;
        batch.add(record);
      });
      if (last == from) {
        caughtUp = true;
        return total;
      }
      caughtUp = false;
      if (counted[0] == 0 && Instant.now().isBefore(positionStoredAt.plus(quietPositionInterval))) {
        // only records the mirror skips (the workers' job polls of a quiet engine): the position is stored now
        // and then, not on every round; a restart reads those few again, and the engine keeps its log from the stored one
        position = last;
        continue;
      }
      tx.executeWithoutResult(status -> {
        batch.write(db, jdbc);
        db.sql("update engine_mirror set log_position = :p, updated_at = :now").param("p", last)
            .param("now", OffsetDateTime.now()).update();
      });
      // moved on only once what it read is committed: a failed write reads the same records again
      position = last;
      positionStoredAt = Instant.now();
      engine.retainLogFrom(last);
      total += (int) counted[0];
      tell(batch.terminated);
    }
  }

  private void tell(List<Long> terminated) {
    if (terminated.isEmpty()) {
      return;
    }
    for (ElementsTerminated listener : listeners) {
      try {
        listener.terminated(List.copyOf(terminated));
      } catch (RuntimeException e) {
        log.warn("{} could not take {} terminated elements: {}", listener.getClass().getSimpleName(), terminated.size(),
            e.getMessage());
      }
    }
  }

  private void load() {
    var stored = db.sql("select log_position, complete from engine_mirror")
        .query((rs, i) -> new Object[] {rs.getLong(1), rs.getBoolean(2)}).optional();
    if (stored.isPresent()) {
      position = (Long) stored.get()[0];
      complete = (Boolean) stored.get()[1];
    } else {
      long first = engine.firstLogPosition();
      complete = first <= 1;
      position = complete ? 0 : first - 1;
      db.sql("insert into engine_mirror (id, log_position, complete, updated_at) values (1, :p, :complete, :now)")
          .param("p", position).param("complete", complete).param("now", OffsetDateTime.now()).update();
      if (!complete) {
        // an engine whose early log is gone (an upgrade): what is left is read, the rest is unknown
        log.warn("Engine mirror started on an engine whose log before position {} is gone: incidents and steps begun "
            + "before then are not listed, and stuck cases are not judged", first);
      }
    }
    engine.retainLogFrom(position);
  }

  private static boolean wanted(RecordType type, ValueType valueType, Intent intent) {
    if (type != RecordType.EVENT) {
      return false;
    }
    return switch (valueType) {
      case PROCESS_INSTANCE -> intent == ProcessInstanceIntent.ELEMENT_ACTIVATING
          || intent == ProcessInstanceIntent.ELEMENT_COMPLETED || intent == ProcessInstanceIntent.ELEMENT_TERMINATED;
      case INCIDENT -> intent == IncidentIntent.CREATED || intent == IncidentIntent.RESOLVED;
      case MESSAGE_START_EVENT_SUBSCRIPTION -> intent == MessageStartEventSubscriptionIntent.CORRELATED;
      case PROCESS_INSTANCE_CREATION -> intent == io.camunda.zeebe.protocol.record.intent.ProcessInstanceCreationIntent.CREATED;
      case JOB -> intent == io.camunda.zeebe.protocol.record.intent.JobIntent.CREATED;
      default -> false;
    };
  }

  /** The changes of one batch of records, written together (an element begun and ended in it is not written). */
  private static final class Batch {
    /** root: the root instance when the record named it, else -1 and the parent's root is looked up. */
    private record Element(long key, long instance, long parent, long root, String process, String elementId,
        String type, OffsetDateTime at, Long job) {
      Element withJob(long jobKey) {
        return new Element(key, instance, parent, root, process, elementId, type, at, jobKey);
      }

      Element withRoot(long rootKey) {
        return new Element(key, instance, parent, rootKey, process, elementId, type, at, job);
      }
    }

    private final Map<Long, Element> begun = new LinkedHashMap<>();
    private final List<Long> ended = new ArrayList<>();
    /** Elements the engine terminated (rather than completed), in the order read. */
    private final List<Long> terminated = new ArrayList<>();
    /** Jobs created for elements recorded in an earlier batch: element instance key to job key. */
    private final Map<Long, Long> jobsOfStored = new LinkedHashMap<>();
    private final List<java.util.function.Consumer<JdbcClient>> writes = new ArrayList<>();

    void add(Record<?> record) {
      OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.getTimestamp()), ZoneOffset.UTC);
      long key = record.getKey();
      if (record.getValue() instanceof ProcessInstanceRecordValue value) {
        if (record.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATING) {
          long parent = value.getBpmnElementType() == io.camunda.zeebe.protocol.record.value.BpmnElementType.PROCESS
              ? value.getParentProcessInstanceKey() : value.getProcessInstanceKey();
          begun.put(key, new Element(key, value.getProcessInstanceKey(), parent, root(value.getElementInstancePath()),
              value.getBpmnProcessId(), value.getElementId(), value.getBpmnElementType().name(), at, null));
        } else {
          if (begun.remove(key) == null) {
            ended.add(key);
          }
          if (record.getIntent() == ProcessInstanceIntent.ELEMENT_TERMINATED) {
            terminated.add(key);
          }
        }
      } else if (record.getValue() instanceof io.camunda.zeebe.protocol.record.value.JobRecordValue value) {
        long element = value.getElementInstanceKey();
        Element own = begun.get(element);
        if (own != null) {
          begun.put(element, own.withJob(key));
        } else if (!ended.contains(element)) {
          jobsOfStored.put(element, key);
        }
      } else if (record.getValue() instanceof IncidentRecordValue value) {
        if (record.getIntent() == IncidentIntent.CREATED) {
          long named = root(value.getElementInstancePath());
          String message = value.getErrorMessage() == null ? "" : value.getErrorMessage();
          writes.add(db -> db.sql("""
              insert into engine_incident (incident_key, process_instance_key, root_instance_key, bpmn_process_id,
                element_id, element_instance_key, job_key, error_type, error_message, created_at)
              values (:key, :instance, :root, :process, :element, :elementInstance, :job, :type, :message, :at)
              on conflict do nothing
              """).param("key", key).param("instance", value.getProcessInstanceKey())
              .param("root", named >= 0 ? named : rootOf(db, value.getProcessInstanceKey()))
              .param("process", value.getBpmnProcessId()).param("element", value.getElementId())
              .param("elementInstance", value.getElementInstanceKey()).param("job", value.getJobKey())
              .param("type", value.getErrorType().name())
              .param("message", message.length() > 2000 ? message.substring(0, 2000) : message).param("at", at).update());
        } else {
          writes.add(db -> db.sql("update engine_incident set resolved_at = :at where incident_key = :key")
              .param("at", at).param("key", key).update());
        }
      } else if (record.getValue() instanceof MessageStartEventSubscriptionRecordValue value
          && value.getVariables().get("caseId") instanceof String caseId) {
        boolean caseProcess = CASE_START_MESSAGES.contains(value.getMessageName());
        writes.add(db -> link(db, UUID.fromString(caseId), value.getProcessInstanceKey(), value.getBpmnProcessId(), at,
            caseProcess ? CaseProcess.IF_NONE : CaseProcess.NO));
      } else if (record.getValue() instanceof io.camunda.zeebe.protocol.record.value.ProcessInstanceCreationRecordValue value
          && value.getVariables().get(RESTART_VARIABLE) instanceof Map<?, ?> restart
          && value.getVariables().get("caseId") instanceof String caseId) {
        // a stuck case's process started again, whose answer may have been lost on its way to the app
        boolean caseProcess = Boolean.TRUE.equals(restart.get("caseProcess"));
        writes.add(db -> link(db, UUID.fromString(caseId), value.getProcessInstanceKey(), value.getBpmnProcessId(), at,
            caseProcess ? CaseProcess.REPLACING : CaseProcess.NO));
      }
    }

    /** The root process instance named by an element's path (-1 when the record has none). */
    private static long root(List<List<Long>> path) {
      return path != null && !path.isEmpty() && !path.get(0).isEmpty() ? path.get(0).get(0) : -1;
    }

    /** The root of a process instance: its own row's root (in this batch or stored), else itself. */
    private long rootOf(JdbcClient db, long instance) {
      Element own = begun.get(instance);
      if (own != null) {
        return own.root();
      }
      return db.sql("select root_instance_key from engine_element where element_instance_key = :k").param("k", instance)
          .query(Long.class).optional().orElse(instance);
    }

    void write(JdbcClient db, org.springframework.jdbc.core.JdbcTemplate jdbc) {
      for (int i = 0; i < ended.size(); i += 500) {
        db.sql("delete from engine_element where element_instance_key in (:keys)")
            .param("keys", ended.subList(i, Math.min(ended.size(), i + 500))).update();
      }
      List<Object[]> rows = new ArrayList<>(begun.size());
      for (Element e : List.copyOf(begun.values())) {
        long root = e.root() >= 0 ? e.root() : e.parent() <= 0 ? e.instance() : rootOf(db, e.parent());
        begun.put(e.key(), e.withRoot(root));
        rows.add(new Object[] {e.key(), e.instance(), root, e.process(), e.elementId(), e.type(), e.at(), e.job()});
      }
      // one batch of inserts (a burst of reports begins thousands of steps a minute)
      if (!rows.isEmpty()) {
        jdbc.batchUpdate("""
            insert into engine_element (element_instance_key, process_instance_key, root_instance_key, bpmn_process_id,
              element_id, element_type, activated_at, job_key)
            values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing
            """, rows, new int[] {java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.BIGINT, java.sql.Types.VARCHAR,
            java.sql.Types.VARCHAR, java.sql.Types.VARCHAR, java.sql.Types.TIMESTAMP_WITH_TIMEZONE, java.sql.Types.BIGINT});
      }
      jobsOfStored.forEach((element, job) -> db.sql("update engine_element set job_key = :job where element_instance_key = :key")
          .param("job", job).param("key", element).update());
      writes.forEach(w -> w.accept(db));
    }
  }

  /** Whether a process instance of a case is the case's own process: NO, IF_NONE (its first), REPLACING (started again). */
  public enum CaseProcess { NO, IF_NONE, REPLACING }

  /** A process instance started for a case belongs to it: incidents name the case; its own process is recorded. */
  public static void link(JdbcClient db, UUID caseId, long instance, String processId, OffsetDateTime at, CaseProcess own) {
    db.sql("""
        insert into engine_root (root_instance_key, case_id, bpmn_process_id, started_at) values (:instance, :id, :process, :at)
        on conflict do nothing
        """).param("instance", instance).param("id", caseId).param("process", processId).param("at", at).update();
    if (own != CaseProcess.NO) {
      db.sql("update child_case set process_instance_key = :instance where id = :id"
              + (own == CaseProcess.IF_NONE ? " and process_instance_key is null" : ""))
          .param("instance", instance).param("id", caseId).update();
    }
  }

  @Override
  public BackgroundLoop loop() {
    return loop;
  }
}
