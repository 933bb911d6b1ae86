package ke.childprotection.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.NotFound;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Open steps per BPMN element, for the process view's heatmap: how many tasks wait at each step and
 * how many of them are past due, within the user's scope; and the cases behind one step's count.
 */
@Service
public class ProcessHeatmap {
  /** The case processes a supervisor watches (the secretariat's own process is its own workspace). */
  static final List<String> PROCESSES = List.of("missing-child-case", "found-child-case", "care-placement",
      "family-tracing", "reintegration", "follow-up");

  public record Step(String elementId, String name, long open, long overdue) {}

  public record WaitingCase(UUID caseId, String caseNumber, String childName, String countyCode, long taskId, String step,
      String assignee, OffsetDateTime due, boolean overdue) {}

  private final JdbcClient db;
  private final CaseAccess access;

  private final ke.childprotection.web.PlainWords words;

  ProcessHeatmap(JdbcClient db, CaseAccess access, ke.childprotection.web.PlainWords words) {
    this.words = words;
    this.db = db;
    this.access = access;
  }

  String diagram(String processId) {
    known(processId);
    try (InputStream in = new ClassPathResource("processes/" + processId + ".bpmn").getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Transactional(readOnly = true)
  public List<Step> steps(String processId, DashboardScope scope) {
    known(processId);
    List<Object> params = new ArrayList<>(List.of(OffsetDateTime.now(), processId));
    String county = "";
    if (scope.county() != null) {
      county = " and county_code = ?";
      params.add(scope.county());
    }
    return db.sql("""
        select element_id, min(name) as name, count(*) as open,
               sum(case when due_at < ? then 1 else 0 end) as overdue
        from user_task where state = 'OPEN' and bpmn_process_id = ?""" + county + " group by element_id order by element_id")
        .params(params)
        .query((rs, n) -> new Step(rs.getString("element_id"), words.step(rs.getString("element_id"), rs.getString("name")), rs.getLong("open"), rs.getLong("overdue")))
        .list();
  }

  /** The cases behind a step's count (the same rows the count counts), with names only where the user may see them. */
  @Transactional(readOnly = true)
  public List<WaitingCase> waitingAt(CurrentUser user, String processId, String elementId, DashboardScope scope) {
    known(processId);
    OffsetDateTime now = OffsetDateTime.now();
    List<Object> params = new ArrayList<>(List.of(processId, elementId));
    String county = "";
    if (scope.county() != null) {
      county = " and county_code = ?";
      params.add(scope.county());
    }
    record Row(long jobKey, String name, String assignee, OffsetDateTime due, CaseAccess.Listed c) {}
    List<Row> rows = db.sql("select t.job_key, t.name, t.assignee, t.due_at, " + CaseAccess.LISTED_COLUMNS
            + " from user_task t join child_case c on c.id = t.case_id where t.state = 'OPEN'"
            + " and t.bpmn_process_id = ? and t.element_id = ?" + county.replace("county_code", "t.county_code")
            + " order by t.due_at nulls last, t.job_key")
        .params(params)
        .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
            CaseAccess.Listed.of(rs, 5)))
        .list();
    access.listed(user, rows.stream().map(r -> r.c().id()).toList(), "process view: cases at " + processId + "/" + elementId);
    String step = rows.isEmpty() ? null : words.step(elementId, rows.get(0).name());
    return rows.stream().map(r -> new WaitingCase(r.c().id(), r.c().caseNumber(), access.nameIn(user, r.c()), r.c().countyCode(),
        r.jobKey(), step, r.assignee(), r.due(), r.due() != null && r.due().isBefore(now))).toList();
  }

  private static void known(String processId) {
    if (!PROCESSES.contains(processId)) {
      throw new NotFound("problem.notFound.process", processId);
    }
  }
}
