package ke.childprotection.reporting;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.InvalidInput;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outcome figures (the CPIMS headline and more) for a period and a scope, each defined once as a
 * condition on a case: the count is the number of cases meeting it and the click-through list is those
 * same cases, so a list always matches its number.
 */
@Service
public class OutcomeFigures {
  /** A measure: which cases it counts in the period [from, to). */
  public enum Measure {
    REPORTED("Reported missing", "c.case_type = 'MISSING' and c.reported_at >= :from and c.reported_at < :to"),
    FOUND("Found children registered", "c.case_type = 'FOUND' and c.reported_at >= :from and c.reported_at < :to"),
    LOCATED("Missing children located", "c.case_type = 'MISSING' and c.located_at >= :from and c.located_at < :to"),
    // {eventCounty}: the county filter on the timeline entry itself (it carries its case's county)
    REUNITED("Reunited with family", "c.id in (select e.case_id from case_event e where e.element_id = 'Task_RecordReunification'"
        + " and e.occurred_at >= :from and e.occurred_at < :to and e.kind = 'STEP_COMPLETED'{eventCounty})"),
    PLACED_IN_CARE("Placed in alternative care", "c.id in (select e.case_id from case_event e where e.element_id = 'Task_RecordPlacement'"
        + " and e.occurred_at >= :from and e.occurred_at < :to and e.kind = 'STEP_COMPLETED'{eventCounty})"),
    // missing_until: located or closed, whichever came first (a generated column, indexed)
    STILL_MISSING("Still missing at the end of the period", "c.case_type = 'MISSING' and c.reported_at < :to"
        + " and (c.missing_until is null or c.missing_until >= :to)"),
    MISSING_AGAIN("Reported missing again", "c.case_type = 'MISSING' and c.reported_at >= :from and c.reported_at < :to"
        + " and c.previous_case_id is not null");

    private final String label;
    private final String condition;

    Measure(String label, String condition) {
      this.label = label;
      this.condition = condition;
    }

    public String label() {
      return label;
    }
  }

  /** What a figure can be broken down by. */
  public enum Dimension {
    COUNTY("c.county_code", "county_code"), SUB_COUNTY("coalesce(c.sub_county, 'not recorded')", "sub_county"),
    SEX("c.child_sex", "child_sex"),
    // the same bands as outcome_tally_rows (V34) keeps: OutcomeTalliesTest holds one against the other
    AGE_BAND("case when c.child_age is null then 'unknown' when c.child_age <= 5 then '0-5' when c.child_age <= 11 then '6-11'"
        + " when c.child_age <= 14 then '12-14' else '15-17' end", "age_band");

    private final String expression;
    private final String tallied;

    Dimension(String expression, String tallied) {
      this.expression = expression;
      this.tallied = tallied;
    }

    /** The column of the outcome tallies that holds it. */
    String tallied() {
      return tallied;
    }
  }

  /** Narrows the cases: scope (county) and optional sub-county, sex and age band. */
  public record Filter(String county, String subCounty, String sex, String ageBand) {
    static Filter of(DashboardScope scope, String subCounty, String sex, String ageBand) {
      return new Filter(scope.county(), blank(subCounty), blank(sex), blank(ageBand));
    }

    private static String blank(String s) {
      return s == null || s.isBlank() ? null : s;
    }
  }

  public record Period(OffsetDateTime from, OffsetDateTime to, String label) {}

  public record Group(String group, Map<Measure, Long> counts) {}

  public record TimeToLocate(long located, Double medianHours, Map<String, Long> distribution) {}

  public record Figures(Period period, Filter filter, Map<Measure, Long> totals, Double missingAgainRate,
      TimeToLocate timeToLocate, Dimension by, List<Group> groups) {}

  public record CaseRow(UUID caseId, String caseNumber, String childName, String caseType, String countyCode,
      String subCounty, String sex, Integer age, OffsetDateTime reportedAt, OffsetDateTime locatedAt, String status) {}

  private static final Map<String, Duration> LOCATE_BUCKETS = new LinkedHashMap<>();
  static {
    LOCATE_BUCKETS.put("under 24 h", Duration.ofHours(24));
    LOCATE_BUCKETS.put("1-3 days", Duration.ofDays(3));
    LOCATE_BUCKETS.put("3-7 days", Duration.ofDays(7));
    LOCATE_BUCKETS.put("7-30 days", Duration.ofDays(30));
    LOCATE_BUCKETS.put("over 30 days", null);
  }

  private final JdbcClient db;
  private final CaseAccess access;
  private final ZoneId zone;
  private final OutcomeTallies tallies;

  OutcomeFigures(JdbcClient db, CaseAccess access, OutcomeTallies tallies,
      @Value("${mcc.display-time-zone:Africa/Nairobi}") String zone) {
    this.tallies = tallies;
    this.db = db;
    this.access = access;
    this.zone = ZoneId.of(zone);
  }

  /** A month (2026-11), a quarter (2026-Q4), or a day range given as from/to dates, in the display zone. */
  public Period period(String period, LocalDate from, LocalDate to) {
    try {
      if (period != null && period.matches("\\d{4}-Q[1-4]")) {
        int year = Integer.parseInt(period.substring(0, 4));
        int quarter = period.charAt(6) - '0';
        LocalDate start = LocalDate.of(year, (quarter - 1) * 3 + 1, 1);
        return new Period(start.atStartOfDay(zone).toOffsetDateTime(), start.plusMonths(3).atStartOfDay(zone).toOffsetDateTime(), period);
      }
      if (period != null && period.matches("\\d{4}-\\d{2}")) {
        LocalDate start = LocalDate.parse(period + "-01");
        return new Period(start.atStartOfDay(zone).toOffsetDateTime(), start.plusMonths(1).atStartOfDay(zone).toOffsetDateTime(), period);
      }
    } catch (java.time.DateTimeException e) {
      // falls through to the error below
    }
    if (period != null) {
      throw new InvalidInput("problem.period.unknown", List.of(new InvalidInput.Field("period", "problem.field.period")));
    }
    LocalDate start = from == null ? LocalDate.now(zone).withDayOfMonth(1) : from;
    LocalDate end = to == null ? start.plusMonths(1) : to;
    if (!end.isAfter(start)) {
      throw new InvalidInput("problem.period.empty", List.of(new InvalidInput.Field("to", "problem.field.afterFrom")));
    }
    return new Period(start.atStartOfDay(zone).toOffsetDateTime(), end.atStartOfDay(zone).toOffsetDateTime(), start + " to " + end);
  }

  /**
   * Each figure's plan made for its own period and county (PostgreSQL would otherwise settle, after five
   * runs, on one plan for every parameter, and "still missing" read every report of a county through
   * the wrong index: 100-300 ms instead of 7). For this read-only transaction only.
   */
  private void plannedForTheirParameters() {
    if (tallies.kept()) {
      db.sql("set local plan_cache_mode = force_custom_plan").update();
    }
  }

  @Transactional(readOnly = true)
  public Figures figures(Period period, Filter filter, Dimension by) {
    plannedForTheirParameters();
    Map<Measure, Long> totals = new LinkedHashMap<>();
    List<Group> groups = by == null ? List.of() : groups(period, filter, by);
    // every counted case is in exactly one group: the total is their sum (without a breakdown, one group)
    List<Group> counted = by == null ? groups(period, filter, null) : groups;
    for (Measure measure : Measure.values()) {
      totals.put(measure, counted.stream().mapToLong(g -> g.counts().get(measure)).sum());
    }
    long reported = totals.get(Measure.REPORTED);
    Double rate = reported == 0 ? null : (double) totals.get(Measure.MISSING_AGAIN) / reported;
    return new Figures(period, filter, totals, rate, timeToLocate(period, filter), by, groups);
  }

  /** Each measure by the dimension's groups, or one group without one (a group that has none of a measure counts 0 of it). */
  @Transactional(readOnly = true)
  public List<Group> groups(Period period, Filter filter, Dimension by) {
    return groups(tallies.kept() ? tallies.counts(period, filter, by) : counted(period, filter, by));
  }

  /**
   * Each measure by the dimension's groups (one group "" without one) as the cases meeting its condition
   * say: the definition the tallies are held against. A group or measure with none is not there.
   */
  @Transactional(readOnly = true)
  Map<String, Map<Measure, Long>> counted(Period period, Filter filter, Dimension by) {
    plannedForTheirParameters();
    Map<String, Map<Measure, Long>> byGroup = new TreeMap<>();
    for (Measure measure : Measure.values()) {
      Where where = where(measure, period, filter);
      db.sql(by == null ? "select '' as grp, count(*) as n from child_case c where " + where.sql
              : "select " + by.expression + " as grp, count(*) as n from child_case c where " + where.sql + " group by " + by.expression)
          .params(where.params).query((rs, n) -> rs.getLong("n") == 0 ? null
              : byGroup.computeIfAbsent(rs.getString("grp"), g -> new LinkedHashMap<>()).put(measure, rs.getLong("n"))).list();
    }
    return byGroup;
  }

  private static List<Group> groups(Map<String, Map<Measure, Long>> byGroup) {
    List<Group> groups = new ArrayList<>();
    byGroup.forEach((group, counts) -> {
      Map<Measure, Long> full = new LinkedHashMap<>();
      for (Measure m : Measure.values()) {
        full.put(m, counts.getOrDefault(m, 0L));
      }
      groups.add(new Group(group, full));
    });
    return groups;
  }

  /** The cases a measure counts, with names only where the user may see them. */
  @Transactional(readOnly = true)
  public List<CaseRow> cases(CurrentUser user, Measure measure, Period period, Filter filter) {
    plannedForTheirParameters();
    Where where = where(measure, period, filter);
    record Row(CaseAccess.Listed c, String type, String subCounty, String sex, Integer age, OffsetDateTime reportedAt,
        OffsetDateTime locatedAt, String status) {}
    List<Row> rows = db.sql("select " + CaseAccess.LISTED_COLUMNS + ", c.case_type, c.sub_county, c.child_sex, c.child_age,"
            + " c.reported_at, c.located_at, c.status from child_case c where " + where.sql + " order by c.reported_at, c.case_number")
        .params(where.params).query((rs, n) -> new Row(CaseAccess.Listed.of(rs, 1), rs.getString(8), rs.getString(9),
            rs.getString(10), (Integer) rs.getObject(11), rs.getObject(12, OffsetDateTime.class),
            rs.getObject(13, OffsetDateTime.class), rs.getString(14)))
        .list();
    access.listed(user, rows.stream().map(r -> r.c().id()).toList(), "cases behind the figure " + measure + " of " + period);
    return rows.stream().map(r -> new CaseRow(r.c().id(), r.c().caseNumber(), access.nameIn(user, r.c()), r.type(),
        r.c().countyCode(), r.subCounty(), r.sex(), r.age(), r.reportedAt(), r.locatedAt(), r.status())).toList();
  }

  private TimeToLocate timeToLocate(Period period, Filter filter) {
    Where where = where(Measure.LOCATED, period, filter);
    List<Duration> durations = db.sql("select c.last_seen_at, c.located_at from child_case c where " + where.sql)
        .params(where.params)
        .query((rs, n) -> Duration.between(rs.getObject("last_seen_at", OffsetDateTime.class), rs.getObject("located_at", OffsetDateTime.class)))
        .list().stream().sorted().toList();
    Map<String, Long> distribution = new LinkedHashMap<>();
    LOCATE_BUCKETS.keySet().forEach(k -> distribution.put(k, 0L));
    for (Duration d : durations) {
      String bucket = LOCATE_BUCKETS.entrySet().stream().filter(e -> e.getValue() == null || d.compareTo(e.getValue()) < 0)
          .findFirst().orElseThrow().getKey();
      distribution.merge(bucket, 1L, Long::sum);
    }
    Double median = null;
    if (!durations.isEmpty()) {
      int n = durations.size();
      median = n % 2 == 1 ? hours(durations.get(n / 2)) : (hours(durations.get(n / 2 - 1)) + hours(durations.get(n / 2))) / 2;
    }
    return new TimeToLocate(durations.size(), median, distribution);
  }

  private static double hours(Duration d) {
    return d.toMinutes() / 60.0;
  }

  private record Where(String sql, Map<String, Object> params) {}

  private static Where where(Measure measure, Period period, Filter filter) {
    StringBuilder sql = new StringBuilder("(" + measure.condition.replace("{eventCounty}",
        filter.county() == null ? "" : " and e.county_code = :county") + ")");
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("from", period.from());
    params.put("to", period.to());
    if (filter.county() != null) {
      sql.append(" and c.county_code = :county");
      params.put("county", filter.county());
    }
    if (filter.subCounty() != null) {
      sql.append(" and ").append(Dimension.SUB_COUNTY.expression).append(" = :subCounty");
      params.put("subCounty", filter.subCounty());
    }
    if (filter.sex() != null) {
      sql.append(" and c.child_sex = :sex");
      params.put("sex", filter.sex());
    }
    if (filter.ageBand() != null) {
      sql.append(" and ").append(Dimension.AGE_BAND.expression).append(" = :ageBand");
      params.put("ageBand", filter.ageBand());
    }
    return new Where(sql.toString(), params);
  }
}
