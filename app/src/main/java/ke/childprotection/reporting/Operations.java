package ke.childprotection.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.operations.EngineProblems;
import ke.childprotection.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supervisor's morning view: cases waiting for assignment by provisional risk with their SLA state,
 * overdue tasks by step and by caseworker, workload per caseworker, SLA breaches per day, and
 * escalations raised and still open. County staff tasks only (the secretariat's are its own).
 */
@Service
public class Operations {
  public record Waiting(UUID caseId, String caseNumber, String childName, long taskId, String risk,
      OffsetDateTime since, OffsetDateTime due, String sla) {}

  public record StepOverdue(String process, String elementId, String step, long overdue) {}

  public record Workload(String caseworker, long openTasks, long overdueTasks, long openCases, long highRiskCases) {}

  public record Dashboard(List<Waiting> waitingForAssignment, Map<String, Long> waitingByRisk, List<StepOverdue> overdueBySteps,
      Map<String, Long> overdueByAssignee, List<Workload> workload, Map<LocalDate, Long> breachesByDay,
      long escalationsRaised, long escalationsOpen, EngineProblems.Counts engineProblems) {}

  private static final String COUNTY_TASKS = "state = 'OPEN' and bpmn_process_id <> 'trafficking-referral'";
  private final JdbcClient db;
  private final CaseAccess access;
  private final ObjectMapper json;
  private final ZoneId zone;
  private final java.time.Duration dueSoon;
  private final EngineProblems problems;

  Operations(JdbcClient db, CaseAccess access, ObjectMapper json, EngineProblems problems,
      @Value("${mcc.display-time-zone:Africa/Nairobi}") String zone,
      @Value("${mcc.dashboard.due-soon}") java.time.Duration dueSoon) {
    this.dueSoon = dueSoon;
    this.problems = problems;
    this.db = db;
    this.access = access;
    this.json = json;
    this.zone = ZoneId.of(zone);
  }

  @Transactional(readOnly = true)
  public Dashboard dashboard(CurrentUser user, DashboardScope scope, int breachDays) {
    OffsetDateTime now = OffsetDateTime.now();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("now", now);
    String county = "";
    if (scope.county() != null) {
      county = " and county_code = :county";
      p.put("county", scope.county());
    }
    record Row(long jobKey, String input, OffsetDateTime created, OffsetDateTime due, CaseAccess.Listed c) {}
    List<Row> accepting = db.sql("select t.job_key, t.input_data, t.created_at, t.due_at, " + CaseAccess.LISTED_COLUMNS
            + " from user_task t join child_case c on c.id = t.case_id where t." + COUNTY_TASKS.replace(" and ", " and t.")
            + " and t.element_id = 'Task_AcceptCase' and t.assignee is null" + county.replace("county_code", "t.county_code")
            + " order by t.due_at nulls last, t.created_at")
        .params(p).query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
            rs.getObject(4, OffsetDateTime.class), CaseAccess.Listed.of(rs, 5))).list();
    access.listed(user, accepting.stream().map(r -> r.c().id()).toList(), "dashboard: waiting for a caseworker");
    List<Waiting> waiting = new ArrayList<>();
    for (Row r : accepting) {
      String sla = r.due() == null ? "NO_DEADLINE" : r.due().isBefore(now) ? "BREACHED" : r.due().isBefore(now.plus(dueSoon)) ? "DUE_SOON" : "ON_TIME";
      waiting.add(new Waiting(r.c().id(), r.c().caseNumber(), access.nameIn(user, r.c()), r.jobKey(), risk(r.input()), r.created(),
          r.due(), sla));
    }
    Map<String, Long> byRisk = new TreeMap<>(waiting.stream().collect(Collectors.groupingBy(Waiting::risk, Collectors.counting())));

    List<StepOverdue> bySteps = db.sql("select bpmn_process_id, element_id, min(name), count(*) from user_task where " + COUNTY_TASKS
            + " and due_at < :now" + county + " group by bpmn_process_id, element_id order by count(*) desc, element_id")
        .params(p).query((rs, n) -> new StepOverdue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4))).list();
    Map<String, Long> byAssignee = new TreeMap<>();
    db.sql("select coalesce(assignee, '(unassigned)'), count(*) from user_task where " + COUNTY_TASKS + " and due_at < :now" + county
            + " group by coalesce(assignee, '(unassigned)')")
        .params(p).query((rs, n) -> byAssignee.put(rs.getString(1), rs.getLong(2))).list();

    Map<String, long[]> load = new TreeMap<>();
    db.sql("select assignee, count(*), sum(case when due_at < :now then 1 else 0 end) from user_task where " + COUNTY_TASKS
            + " and assignee is not null" + county + " group by assignee")
        .params(p).query((rs, n) -> {
          long[] v = load.computeIfAbsent(rs.getString(1), k -> new long[4]);
          v[0] = rs.getLong(2);
          v[1] = rs.getLong(3);
          return null;
        }).list();
    db.sql("select caseworker, count(*), count(*) filter (where risk_level = 'HIGH') from child_case"
            + " where status <> 'CLOSED' and caseworker is not null"
            + (scope.county() == null ? "" : " and county_code = :county") + " group by caseworker")
        .params(p).query((rs, n) -> {
          long[] v = load.computeIfAbsent(rs.getString(1), k -> new long[4]);
          v[2] = rs.getLong(2);
          v[3] = rs.getLong(3);
          return null;
        }).list();
    List<Workload> workload = load.entrySet().stream().map(e -> new Workload(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])).toList();

    OffsetDateTime since = LocalDate.now(zone).minusDays(breachDays - 1L).atStartOfDay(zone).toOffsetDateTime();
    p.put("since", since);
    Map<LocalDate, Long> breaches = new TreeMap<>();
    for (int d = 0; d < breachDays; d++) {
      breaches.put(since.atZoneSameInstant(zone).toLocalDate().plusDays(d), 0L);
    }
    db.sql("select overdue_notified_at from user_task where overdue_notified_at >= :since and bpmn_process_id <> 'trafficking-referral'" + county)
        .params(p).query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list()
        .forEach(at -> breaches.merge(at.atZoneSameInstant(zone).toLocalDate(), 1L, Long::sum));
    long raised = breaches.values().stream().mapToLong(Long::longValue).sum();
    long open = db.sql("select count(*) from user_task where " + COUNTY_TASKS + " and overdue_notified_at is not null" + county)
        .params(p).query(Long.class).single();
    return new Dashboard(waiting, byRisk, bySteps, byAssignee, workload, breaches, raised, open,
        problems.counts(scope.county(), now));
  }

  private String risk(String input) {
    try {
      JsonNode triage = json.readTree(input).path("triage").path("provisionalRisk");
      return triage.isMissingNode() || triage.isNull() ? "UNKNOWN" : triage.asText();
    } catch (Exception e) {
      return "UNKNOWN";
    }
  }
}
