package ke.childprotection.operations;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.engine.EngineMirror;
import ke.childprotection.engine.EngineOutbox;
import ke.childprotection.engine.ProcessModels;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import org.springframework.transaction.support.TransactionTemplate;
import ke.childprotection.support.Conflict;
import ke.childprotection.support.NotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What keeps a case from moving, for the admin (list and retry) and the supervisor (a count): incidents
 * the engine raised, cases that are stuck — open, with no open task, no engine command on its way and
 * no step of any of their processes active, and nothing done on them for {@code
 * mcc.operations.stuck-after} — and engine commands that the engine has not acknowledged yet. Incidents
 * and steps come from {@link EngineMirror} (the in-process engine); against a Camunda 8 cluster they are
 * in Operate, and this view says so. No child's name is shown: case numbers and steps only.
 */
@Service
public class EngineProblems {
  /** NOT_STARTED: the case has no process; NO_STEP: its processes wait for nothing (ended, or nothing active). */
  public enum StuckKind { NOT_STARTED, NO_STEP }

  public record Incident(long key, UUID caseId, String caseNumber, String countyCode, String process, String elementId,
      String step, long jobKey, String errorType, String errorMessage, OffsetDateTime since, boolean retryRequested) {}

  public record StuckCase(UUID caseId, String caseNumber, String countyCode, String status, StuckKind kind,
      String lastStep, OffsetDateTime lastActivity, boolean retryRequested) {}

  public record PendingCommand(long id, UUID caseId, String caseNumber, String kind, String what, int attempts,
      OffsetDateTime nextAttempt, String lastError) {}

  /** available: false when the engine's incidents and steps are not known here (a cluster: see Operate). */
  public record Overview(boolean available, boolean complete, List<Incident> incidents, List<StuckCase> stuckCases,
      List<PendingCommand> pendingCommands) {}

  public record Counts(boolean available, long incidents, long stuckCases, long pendingCommands) {}

  /** Element types that contain others: a process whose only active elements are these waits for nothing. */
  private static final String CONTAINERS = "('PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'MULTI_INSTANCE_BODY', "
      + "'CALL_ACTIVITY', 'AD_HOC_SUB_PROCESS')";

  private final JdbcClient db;
  private final ObjectProvider<EngineMirror> mirror;
  private final EngineOutbox outbox;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final Duration stuckAfter;
  private final int incidentRetries;
  private final TransactionTemplate tx;
  private final CamundaClient client;
  private final ProcessModels models;
  private final Duration requestTimeout;

  EngineProblems(JdbcClient db, ObjectProvider<EngineMirror> mirror, EngineOutbox outbox, AuditLog audit, ObjectMapper json,
      TransactionTemplate tx, CamundaClient client, ProcessModels models,
      @Value("${mcc.operations.stuck-after}") Duration stuckAfter,
      @Value("${mcc.operations.incident-retries}") int incidentRetries,
      @Value("${mcc.engine.outbox.request-timeout}") Duration requestTimeout) {
    this.tx = tx;
    this.client = client;
    this.models = models;
    this.requestTimeout = requestTimeout;
    this.db = db;
    this.mirror = mirror;
    this.outbox = outbox;
    this.audit = audit;
    this.json = json;
    this.stuckAfter = stuckAfter;
    this.incidentRetries = incidentRetries;
  }

  private boolean available() {
    return mirror.getIfAvailable() != null;
  }

  private boolean complete() {
    EngineMirror m = mirror.getIfAvailable();
    return m != null && m.isComplete();
  }

  /** Everything, nationwide or for one county ({@code county} null: all). */
  @Transactional(readOnly = true)
  public Overview overview(String county, OffsetDateTime now) {
    if (!available()) {
      return new Overview(false, false, List.of(), List.of(), pendingCommands(county));
    }
    return new Overview(true, complete(), incidents(county), complete() ? stuckCases(county, now) : List.of(),
        pendingCommands(county));
  }

  /** The figures of {@link #overview}, for the supervisor's dashboard. */
  @Transactional(readOnly = true)
  public Counts counts(String county, OffsetDateTime now) {
    long pending = pendingCommands(county).size();
    if (!available()) {
      return new Counts(false, 0, 0, pending);
    }
    return new Counts(true, incidents(county).size(), complete() ? stuckCases(county, now).size() : 0, pending);
  }

  private Map<String, Object> params(String county) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (county != null) {
      p.put("county", county);
    }
    return p;
  }

  private static String inCounty(String county, String alias) {
    return county == null ? "" : " and " + alias + ".county_code = :county";
  }

  List<Incident> incidents(String county) {
    // the case: the one whose start message created the root instance, else the one that names it as its process
    return db.sql("""
        select i.incident_key, c.id, c.case_number, c.county_code, i.bpmn_process_id, i.element_id, i.job_key,
          i.error_type, i.error_message, i.created_at,
          exists (select 1 from engine_command e where e.kind = 'RETRY_INCIDENT' and e.target_key = i.incident_key
            and e.state = 'PENDING')
        from engine_incident i
        left join engine_root r on r.root_instance_key = i.root_instance_key
        left join child_case c on c.id = coalesce(r.case_id,
          (select x.id from child_case x where x.process_instance_key = i.root_instance_key))
        where i.resolved_at is null""" + (county == null ? "" : " and c.county_code = :county") + """

        order by i.created_at
        """).params(params(county))
        .query((rs, n) -> new Incident(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), models.elementName(rs.getString(5), rs.getString(6)), rs.getLong(7),
            rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class), rs.getBoolean(11)))
        .list();
  }

  List<StuckCase> stuckCases(String county, OffsetDateTime now) {
    Map<String, Object> p = params(county);
    p.put("quiet", now.minus(stuckAfter));
    return db.sql("""
        select c.id, c.case_number, c.county_code, c.status, c.process_instance_key,
          (select max(t.name) from user_task t where t.case_id = c.id and t.ended_at = (
            select max(t2.ended_at) from user_task t2 where t2.case_id = c.id)),
          greatest(c.reported_at,
            coalesce((select max(t.ended_at) from user_task t where t.case_id = c.id), c.reported_at),
            coalesce((select max(e.created_at) from engine_command e where e.case_id = c.id), c.reported_at))
        from child_case c
        where c.status <> 'CLOSED' and c.reported_at < :quiet""" + inCounty(county, "c") + """

          and not exists (select 1 from user_task t where t.case_id = c.id and (t.state = 'OPEN' or t.ended_at >= :quiet))
          and not exists (select 1 from engine_command e where e.case_id = c.id
            and (e.state = 'PENDING' or (e.state <> 'FAILED' and (e.created_at >= :quiet or e.sent_at >= :quiet))))
          and not exists (select 1 from engine_element el where el.element_type not in """ + CONTAINERS + """

            and (el.root_instance_key = c.process_instance_key
              or el.root_instance_key in (select r.root_instance_key from engine_root r where r.case_id = c.id)))
        order by c.reported_at
        """).params(p)
        .query((rs, n) -> new StuckCase(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5) == null ? StuckKind.NOT_STARTED : StuckKind.NO_STEP, rs.getString(6),
            rs.getObject(7, OffsetDateTime.class), false))
        .list();
  }

  List<PendingCommand> pendingCommands(String county) {
    return db.sql("""
        select e.id, e.case_id, c.case_number, e.kind, coalesce(e.message_name, e.kind), e.attempts, e.next_attempt_at,
          e.last_error
        from engine_command e left join child_case c on c.id = e.case_id
        where e.state = 'PENDING' and e.attempts > 0""" + inCounty(county, "c") + """

        order by e.id
        """).params(params(county))
        .query((rs, n) -> new PendingCommand(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getInt(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8)))
        .list();
  }

  /**
   * Gives an incident's job its retries back and resolves the incident (through the outbox: sent until
   * the engine acknowledges it; an incident already resolved counts as done). The step then runs again.
   */
  @Transactional
  public Incident retryIncident(String admin, long incidentKey) {
    Incident incident = incidents(null).stream().filter(i -> i.key() == incidentKey).findFirst()
        .orElseThrow(() -> new NotFound("problem.notFound.incident", String.valueOf(incidentKey)));
    if (incident.retryRequested()) {
      throw new Conflict("problem.incident.retrying", String.valueOf(incidentKey));
    }
    outbox.retryIncident(incident.caseId(), incidentKey, incident.jobKey(), incidentRetries);
    if (incident.caseId() != null) {
      audit.change(admin, incident.caseId(), "retried incident " + incidentKey + " at " + incident.elementId());
    }
    return incident;
  }

  /**
   * Gets a stuck case moving again. A case without a process has it started with what its report gave
   * it (a message that starts nothing when a process of the case is running after all). A case whose
   * processes ended while it is open has its process started again before its last human step, with
   * the variables that step had (a step inside a called process: before the activity that calls it).
   */
  public StuckCase retryStuckCase(String admin, UUID caseId, OffsetDateTime now) {
    StuckCase stuck = tx.execute(status -> stuckCases(null, now).stream().filter(s -> s.caseId().equals(caseId)).findFirst()
        .orElseThrow(() -> new NotFound("problem.notStuck", caseId)));
    if (stuck.kind() == StuckKind.NOT_STARTED) {
      tx.executeWithoutResult(status -> startAgain(admin, stuck));
    } else {
      restartAtLastStep(admin, stuck);
    }
    return stuck;
  }

  private void startAgain(String admin, StuckCase stuck) {
    UUID caseId = stuck.caseId();
    record Start(String message, String variables, long attempts) {}
    Start start = db.sql("""
        select message_name, variables, (select count(*) from engine_command e where e.case_id = :id
          and e.message_id like :retries)
        from engine_command where case_id = :id and message_id = :first
        """).param("id", caseId).param("first", "case-started:" + caseId).param("retries", "case-started:" + caseId + ":%")
        .query((rs, n) -> new Start(rs.getString(1), rs.getString(2), rs.getLong(3))).optional()
        .orElseThrow(() -> new Conflict("problem.stuck.noStart", stuck.caseNumber()));
    // no time to live: a start that cannot happen now (a process of the case running) is not kept for later
    outbox.publishMessage(caseId, start.message(), stuck.caseNumber(),
        "case-started:" + caseId + ":" + (start.attempts() + 1), Duration.ZERO, readJson(start.variables()));
    audit.change(admin, caseId, "started the case's process again (it had none)");
  }

  private Map<String, Object> readJson(String text) {
    try {
      return json.readValue(text, new TypeReference<>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("recorded process variables are not JSON", e);
    }
  }

  /**
   * Sent at once, not through the outbox: the engine may refuse the start (the admin is told), and a
   * create command is not idempotent. The attempt is recorded first (the case is not stuck while it is
   * recent, so a second click starts nothing); an answer lost on the way is made good by the mirror,
   * which links the new instance to the case from the engine's log (variable mccRestartOf).
   */
  private void restartAtLastStep(String admin, StuckCase stuck) {
    UUID caseId = stuck.caseId();
    record Restart(long attempt, ProcessModels.RestartPoint point, Map<String, Object> variables, boolean root) {}
    Restart restart = tx.execute(status -> {
      record Last(String process, String element, String input, String root) {}
      Last last = db.sql("""
          select t.bpmn_process_id, t.element_id, t.input_data,
            (select r.bpmn_process_id from engine_root r join child_case c on c.process_instance_key = r.root_instance_key
              where c.id = t.case_id)
          from user_task t where t.case_id = :id order by t.created_at desc, t.job_key desc fetch first 1 row only
          """).param("id", caseId).query((rs, n) -> new Last(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
          .optional()
          .orElseThrow(() -> new Conflict("problem.stuck.noTask", stuck.caseNumber()));
      String rootProcess = last.root() == null ? last.process() : last.root();
      ProcessModels.RestartPoint point = models.restartPoint(rootProcess, last.process(), last.element())
          .orElseThrow(() -> new Conflict("problem.stuck.cannotStartAt", stuck.caseNumber(), models.elementName(last.process(),
              last.element())));
      Map<String, Object> variables = new LinkedHashMap<>(readJson(last.input()));
      variables.put("caseId", caseId.toString());
      var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
      db.sql("""
          insert into engine_command (created_at, case_id, kind, message_name, variables, state, next_attempt_at, attempts)
          values (:now, :id, 'RESTART_CASE', :element, '{}', 'SENDING', :now, 1)
          """).param("now", OffsetDateTime.now()).param("id", caseId).param("element", point.processId() + "/" + point.elementId())
          .update(keys, "id");
      long attempt = keys.getKey().longValue();
      boolean caseProcess = point.processId().equals(rootProcess);
      variables.put(EngineMirror.RESTART_VARIABLE, Map.of("attempt", attempt, "caseProcess", caseProcess));
      audit.change(admin, caseId, "restarting the case's process at " + point.name());
      return new Restart(attempt, point, variables, caseProcess);
    });
    try {
      long instance = client.newCreateInstanceCommand().bpmnProcessId(restart.point().processId()).latestVersion()
          .variables(restart.variables()).startBeforeElement(restart.point().elementId()).requestTimeout(requestTimeout)
          .send().join().getProcessInstanceKey();
      tx.executeWithoutResult(status -> {
        EngineMirror.link(db, caseId, instance, restart.point().processId(), OffsetDateTime.now(),
            restart.root() ? EngineMirror.CaseProcess.REPLACING : EngineMirror.CaseProcess.NO);
        db.sql("update engine_command set state = 'SENT', sent_at = :now, target_key = :instance where id = :id")
            .param("now", OffsetDateTime.now()).param("instance", instance).param("id", restart.attempt()).update();
      });
    } catch (ClientStatusException e) {
      boolean unknown = e.getStatusCode() == Status.Code.UNAVAILABLE || e.getStatusCode() == Status.Code.DEADLINE_EXCEEDED;
      db.sql("update engine_command set state = :state, last_error = :error where id = :id")
          .param("state", unknown ? "SENT" : "FAILED").param("error", truncate(e.getMessage())).param("id", restart.attempt()).update();
      throw (unknown
          ? new Conflict("problem.stuck.noAnswer", stuckAfter.toMinutes())
          : new Conflict("problem.stuck.refused", stuck.caseNumber(), restart.point().name(), e.getMessage()));
    }
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }

  Optional<String> unavailableReason() {
    return available() ? Optional.empty() : Optional.of("The engine is a Camunda 8 cluster: its incidents are in Operate.");
  }
}
