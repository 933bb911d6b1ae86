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
import ke.childprotection.web.Conflict;
import ke.childprotection.web.NotFound;
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
      long jobKey, String errorType, String errorMessage, OffsetDateTime since, boolean retryRequested) {}

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

  EngineProblems(JdbcClient db, ObjectProvider<EngineMirror> mirror, EngineOutbox outbox, AuditLog audit, ObjectMapper json,
      @Value("${mcc.operations.stuck-after}") Duration stuckAfter,
      @Value("${mcc.operations.incident-retries}") int incidentRetries) {
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
            rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9),
            rs.getObject(10, OffsetDateTime.class), rs.getBoolean(11)))
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
            and (e.state = 'PENDING' or e.created_at >= :quiet or e.sent_at >= :quiet))
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
        .orElseThrow(() -> new NotFound("No open incident " + incidentKey + "."));
    if (incident.retryRequested()) {
      throw new Conflict("A retry of incident " + incidentKey + " is already on its way to the engine.");
    }
    outbox.retryIncident(incident.caseId(), incidentKey, incident.jobKey(), incidentRetries);
    if (incident.caseId() != null) {
      audit.change(admin, incident.caseId(), "retried incident " + incidentKey + " at " + incident.elementId());
    }
    return incident;
  }

  /**
   * Starts the process of a case that has none, with what its report gave it (a message that starts
   * nothing when the case's process is running after all). A case whose processes ended is not
   * restarted here: a supervisor decides what it needs.
   */
  @Transactional
  public StuckCase retryStuckCase(String admin, UUID caseId, OffsetDateTime now) {
    StuckCase stuck = stuckCases(null, now).stream().filter(s -> s.caseId().equals(caseId)).findFirst()
        .orElseThrow(() -> new NotFound("Case " + caseId + " is not stuck."));
    if (stuck.kind() != StuckKind.NOT_STARTED) {
      throw new Conflict("The processes of case " + stuck.caseNumber() + " have ended while the case is open; "
          + "starting them again would repeat its steps. Its supervisor decides what the case needs.");
    }
    record Start(String message, String variables, long attempts) {}
    Start start = db.sql("""
        select message_name, variables, (select count(*) from engine_command e where e.case_id = :id
          and e.message_id like :retries)
        from engine_command where case_id = :id and message_id = :first
        """).param("id", caseId).param("first", "case-started:" + caseId).param("retries", "case-started:" + caseId + ":%")
        .query((rs, n) -> new Start(rs.getString(1), rs.getString(2), rs.getLong(3))).optional()
        .orElseThrow(() -> new Conflict("Case " + stuck.caseNumber() + " has no recorded start; it cannot be started again here."));
    Map<String, Object> variables;
    try {
      variables = json.readValue(start.variables(), new TypeReference<>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the recorded start of case " + caseId + " is not JSON", e);
    }
    // no time to live: a start that cannot happen now (a process of the case running) is not kept for later
    outbox.publishMessage(caseId, start.message(), stuck.caseNumber(),
        "case-started:" + caseId + ":" + (start.attempts() + 1), Duration.ZERO, variables);
    audit.change(admin, caseId, "started the case's process again (it had none)");
    return stuck;
  }

  Optional<String> unavailableReason() {
    return available() ? Optional.empty() : Optional.of("The engine is a Camunda 8 cluster: its incidents are in Operate.");
  }
}
