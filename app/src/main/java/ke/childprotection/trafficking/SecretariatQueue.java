package ke.childprotection.trafficking;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.CaseView;
import ke.childprotection.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The secretariat's workspace: every referral nationwide with its stage, age, county and next
 * deadline, and the figures of its dashboard. Each child listed is an audited read.
 */
@Service
public class SecretariatQueue {
  static final String PROCESS = "trafficking-referral";

  public record Row(UUID referralId, String referralNumber, UUID caseId, String caseNumber, String childName,
      String countyCode, String county, String status, List<String> currentSteps, long daysOpen,
      OffsetDateTime nextDeadline, boolean overdue, Boolean victimIdentified, String trustFund, String scope) {}

  public record Dashboard(long open, long closed, Map<String, Long> openByStage, long overdueTasks,
      long victimsIdentified, Map<String, Long> trustFundByOutcome) {}

  private record Step(UUID caseId, String name, OffsetDateTime due) {}

  private final JdbcClient db;
  private final AuditLog audit;

  SecretariatQueue(JdbcClient db, AuditLog audit) {
    this.db = db;
    this.audit = audit;
  }

  @Transactional(readOnly = true)
  public List<Row> queue(CurrentUser user) {
    OffsetDateTime now = OffsetDateTime.now();
    Map<UUID, List<Step>> steps = openSteps().stream().collect(Collectors.groupingBy(Step::caseId));
    List<Row> rows = db.sql("""
        select r.id, r.referral_number, r.case_id, c.case_number, c.child_first_name, c.child_last_name, r.county_code,
               k.name as county, r.status, r.opened_at, r.closed_at, r.victim_identified, r.trust_fund_status, r.scope
        from trafficking_referral r join child_case c on c.id = r.case_id left join county k on k.code = r.county_code
        order by case when r.status = 'OPEN' then 0 else 1 end, r.opened_at
        """).query((rs, n) -> {
          UUID caseId = rs.getObject("case_id", UUID.class);
          List<Step> open = steps.getOrDefault(caseId, List.of());
          OffsetDateTime next = open.stream().map(Step::due).filter(d -> d != null).min(OffsetDateTime::compareTo).orElse(null);
          OffsetDateTime ended = rs.getObject("closed_at", OffsetDateTime.class);
          // The secretariat sees the children it works for by name (CaseAccess.seesIdentity).
          String name = CaseView.fullName(rs.getString("child_first_name"), rs.getString("child_last_name"));
          return new Row(rs.getObject("id", UUID.class), rs.getString("referral_number"), caseId, rs.getString("case_number"),
              name, rs.getString("county_code"), rs.getString("county"), rs.getString("status"),
              open.stream().map(Step::name).distinct().toList(),
              Duration.between(rs.getObject("opened_at", OffsetDateTime.class), ended == null ? now : ended).toDays(),
              next, next != null && next.isBefore(now), (Boolean) rs.getObject("victim_identified"),
              rs.getString("trust_fund_status"), rs.getString("scope"));
        }).list();
    rows.forEach(r -> audit.read(user.username(), r.caseId(), "secretariat queue"));
    return rows;
  }

  @Transactional(readOnly = true)
  public Dashboard dashboard() {
    OffsetDateTime now = OffsetDateTime.now();
    List<Step> open = openSteps();
    Map<String, Long> byStage = new TreeMap<>(open.stream().collect(Collectors.groupingBy(Step::name, Collectors.counting())));
    long overdue = open.stream().filter(s -> s.due() != null && s.due().isBefore(now)).count();
    Map<String, Long> counts = new LinkedHashMap<>();
    db.sql("select status, count(*) as n from trafficking_referral group by status").query((rs, n) -> {
      counts.put(rs.getString("status"), rs.getLong("n"));
      return null;
    }).list();
    long victims = db.sql("select count(*) from trafficking_referral where victim_identified = true").query(Long.class).single();
    Map<String, Long> trustFund = new TreeMap<>();
    db.sql("select trust_fund_status, count(*) as n from trafficking_referral where trust_fund_status is not null group by trust_fund_status")
        .query((rs, n) -> trustFund.put(rs.getString("trust_fund_status"), rs.getLong("n"))).list();
    return new Dashboard(counts.getOrDefault("OPEN", 0L), counts.getOrDefault("CLOSED", 0L), byStage, overdue, victims, trustFund);
  }

  private List<Step> openSteps() {
    return new ArrayList<>(db.sql("select case_id, name, due_at from user_task where state = 'OPEN' and bpmn_process_id = ?")
        .param(PROCESS)
        .query((rs, n) -> new Step(rs.getObject("case_id", UUID.class), rs.getString("name"), rs.getObject("due_at", OffsetDateTime.class)))
        .list());
  }
}
