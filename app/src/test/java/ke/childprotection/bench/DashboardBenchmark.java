package ke.childprotection.bench;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import ke.childprotection.reporting.BenchmarkAccess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Dashboard and report queries at national scale: seeds {@code bench.cases} synthetic cases (default
 * 1,000,000) with their open tasks and steps into PostgreSQL (schema mcc_bench, reused when it already
 * holds that many), then prints p50/p95 of each dashboard query next to the bare indexed SQL for the
 * same rows. Not part of the test suite: run it with deploy/benchmark.sh. It asserts nothing about time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@TestPropertySource(properties = {"MCC_DB_SCHEMA=mcc_bench", "mcc.tasklist.reconcile-interval=P1D",
    "mcc.tasklist.overdue-check-interval=P1D", "spring.flyway.clean-disabled=true"})
class DashboardBenchmark {
  private static final String[] STEPS = {"Task_AcceptCase", "Task_AssessRisk", "Task_ReviewSearch", "Task_VerifyIdentity", "Task_ReturnInterview"};

  @Autowired JdbcTemplate jdbc;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;
  @Autowired ke.childprotection.reporting.ProcessHeatmap heatmap;
  @Autowired ke.childprotection.reporting.OutcomeFigures figures;
  @Autowired ke.childprotection.reporting.Operations operations;
  @Autowired ke.childprotection.reporting.CountyReport reports;

  @Test
  void dashboardQueriesAtScale() {
    BenchmarkAccess dashboards = new BenchmarkAccess(heatmap, figures, operations, reports);
    long cases = Long.getLong("bench.cases", 1_000_000L);
    int runs = Integer.getInteger("bench.runs", 30);
    seed(cases);
    YearMonth month = YearMonth.now().minusMonths(1);
    String period = month.toString();
    String from = month.atDay(1) + "T00:00:00+03:00";
    String to = month.plusMonths(1).atDay(1) + "T00:00:00+03:00";
    List<String[]> rows = new ArrayList<>();
    rows.add(time("process view: steps, county 047", runs, () -> dashboards.heatmap("047"),
        () -> jdbc.queryForList("select element_id, min(name), count(*), sum(case when due_at < now() then 1 else 0 end) from user_task"
            + " where state = 'OPEN' and bpmn_process_id = 'missing-child-case' and county_code = '047' group by element_id")));
    rows.add(time("process view: cases at a step, county 047", runs, () -> dashboards.waitingAt("047", "Task_AssessRisk"),
        () -> jdbc.queryForList("select t.job_key, t.name, t.assignee, t.due_at, c.id, c.case_number, c.county_code, c.child_first_name,"
            + " c.child_last_name, c.pseudonym, c.caseworker from user_task t join child_case c on c.id = t.case_id where t.state = 'OPEN'"
            + " and t.bpmn_process_id = 'missing-child-case' and t.element_id = 'Task_AssessRisk' and t.county_code = '047'"
            + " order by t.due_at nulls last, t.job_key")));
    rows.add(time("process view: steps, national", runs, () -> dashboards.heatmap(null),
        () -> jdbc.queryForList("select element_id, min(name), count(*), sum(case when due_at < now() then 1 else 0 end) from user_task"
            + " where state = 'OPEN' and bpmn_process_id = 'missing-child-case' group by element_id")));
    rows.add(time("outcomes: month, county 047, by sub-county (8 figures)", runs, () -> dashboards.outcomes(period, "047"),
        () -> outcomesInSql(from, to, "047")));
    rows.add(time("outcomes: cases behind 'reported', county 047", runs, () -> dashboards.reportedCases(period, "047"),
        () -> jdbc.queryForList("select c.id, c.case_number, c.county_code, c.child_first_name, c.child_last_name, c.pseudonym,"
            + " c.caseworker, c.case_type, c.sub_county, c.child_sex, c.child_age, c.reported_at, c.located_at, c.status from child_case c"
            + " where c.county_code = '047' and c.case_type = 'MISSING' and c.reported_at >= ?::timestamptz and c.reported_at < ?::timestamptz"
            + " order by c.reported_at, c.case_number", from, to)));
    rows.add(time("outcomes: month, national, by county (8 figures)", runs / 3 + 1, () -> dashboards.outcomes(period, null),
        () -> outcomesInSql(from, to, null)));
    rows.add(time("operations dashboard (10 figures), county 047", runs, () -> dashboards.operations("047"),
        () -> operationsInSql("047")));
    rows.add(time("county report PDF, county 047 (vs its first table)", runs / 3 + 1, () -> dashboards.pdf(period, "047"),
        () -> outcomesInSql(from, to, "047")));

    System.out.printf(Locale.ROOT, "%nDashboard benchmark: %,d cases, %,d open tasks, PostgreSQL %s, %d runs each (after 3 warm-up runs)%n",
        jdbc.queryForObject("select count(*) from child_case", Long.class), jdbc.queryForObject("select count(*) from user_task where state = 'OPEN'", Long.class),
        jdbc.queryForObject("show server_version", String.class), runs);
    System.out.printf(Locale.ROOT, "%-48s %12s %12s %12s %12s %9s%n", "query", "app p50 ms", "app p95 ms", "SQL p50 ms", "SQL p95 ms",
        "ratio");
    rows.forEach(r -> System.out.printf(Locale.ROOT, "%-48s %12s %12s %12s %12s %9s%n", (Object[]) r));
    System.out.println("(target: each ratio <= 2.0x; the county report PDF under 500 ms)");
  }

  /**
   * The operations dashboard's figures as plain SQL, one statement each, on the same rows: waiting for
   * a caseworker (with the case), overdue by step and by assignee, workload (tasks, cases), SLA breaches,
   * open escalations, and the engine-problem counts (incidents, stuck cases, commands not sent).
   */
  private List<Object> operationsInSql(String county) {
    List<Object> figures = new ArrayList<>();
    String tasks = "from user_task t where t.state = 'OPEN' and t.bpmn_process_id <> 'trafficking-referral' and t.county_code = ?";
    figures.add(jdbc.queryForList("select t.job_key, t.input_data, t.created_at, t.due_at, c.case_number, c.child_first_name,"
        + " c.child_last_name, c.pseudonym, c.caseworker from user_task t join child_case c on c.id = t.case_id"
        + " where t.state = 'OPEN' and t.bpmn_process_id <> 'trafficking-referral' and t.county_code = ?"
        + " and t.element_id = 'Task_AcceptCase' and t.assignee is null order by t.due_at nulls last, t.created_at", county));
    figures.add(jdbc.queryForList("select t.bpmn_process_id, t.element_id, min(t.name), count(*) " + tasks
        + " and t.due_at < now() group by t.bpmn_process_id, t.element_id", county));
    figures.add(jdbc.queryForList("select coalesce(t.assignee, '-'), count(*) " + tasks + " and t.due_at < now()"
        + " group by coalesce(t.assignee, '-')", county));
    figures.add(jdbc.queryForList("select t.assignee, count(*), sum(case when t.due_at < now() then 1 else 0 end) " + tasks
        + " and t.assignee is not null group by t.assignee", county));
    figures.add(jdbc.queryForList("select caseworker, count(*), count(*) filter (where risk_level = 'HIGH') from child_case"
        + " where status <> 'CLOSED' and caseworker is not null and county_code = ? group by caseworker", county));
    figures.add(jdbc.queryForList("select overdue_notified_at from user_task where overdue_notified_at >= now() - interval '14 days'"
        + " and bpmn_process_id <> 'trafficking-referral' and county_code = ?", county));
    figures.add(jdbc.queryForObject("select count(*) " + tasks + " and t.overdue_notified_at is not null", Long.class, county));
    figures.add(jdbc.queryForObject("select count(*) from engine_incident i join engine_root r on r.root_instance_key = i.root_instance_key"
        + " join child_case c on c.id = r.case_id where i.resolved_at is null and c.county_code = ?", Long.class, county));
    figures.add(jdbc.queryForObject("select count(*) from child_case c where c.status <> 'CLOSED'"
        + " and c.reported_at < now() - interval '15 minutes' and c.county_code = ?"
        + " and not exists (select 1 from user_task t where t.case_id = c.id and (t.state = 'OPEN' or t.ended_at >= now() - interval '15 minutes'))"
        + " and not exists (select 1 from engine_command e where e.case_id = c.id and e.state = 'PENDING')"
        + " and not exists (select 1 from engine_element el where el.root_instance_key = c.process_instance_key)", Long.class, county));
    figures.add(jdbc.queryForObject("select count(*) from engine_command e join child_case c on c.id = e.case_id"
        + " where e.state = 'PENDING' and e.attempts > 0 and c.county_code = ?", Long.class, county));
    return figures;
  }

  /**
   * An outcome page's figures as plain SQL on the same rows: each measure by the breakdown's groups,
   * and the located children's times (what the app reads; the totals are the groups' sums).
   */
  private List<Object> outcomesInSql(String from, String to, String county) {
    String group = county == null ? "c.county_code" : "coalesce(c.sub_county, 'not recorded')";
    String scope = county == null ? "" : " and c.county_code = '" + county + "'";
    String eventScope = county == null ? "" : " and e.county_code = '" + county + "'";
    String period = " >= '" + from + "'::timestamptz and %s < '" + to + "'::timestamptz";
    List<String> measures = List.of(
        "c.case_type = 'MISSING' and c.reported_at" + period.formatted("c.reported_at"),
        "c.case_type = 'FOUND' and c.reported_at" + period.formatted("c.reported_at"),
        "c.case_type = 'MISSING' and c.located_at" + period.formatted("c.located_at"),
        "c.id in (select e.case_id from case_event e where e.element_id = 'Task_RecordReunification' and e.kind = 'STEP_COMPLETED'"
            + " and e.occurred_at" + period.formatted("e.occurred_at") + eventScope + ")",
        "c.id in (select e.case_id from case_event e where e.element_id = 'Task_RecordPlacement' and e.kind = 'STEP_COMPLETED'"
            + " and e.occurred_at" + period.formatted("e.occurred_at") + eventScope + ")",
        "c.case_type = 'MISSING' and c.reported_at < '" + to + "'::timestamptz and (c.missing_until is null or c.missing_until >= '"
            + to + "'::timestamptz)",
        "c.case_type = 'MISSING' and c.previous_case_id is not null and c.reported_at" + period.formatted("c.reported_at"));
    List<Object> figures = new ArrayList<>();
    measures.forEach(m -> figures.add(jdbc.queryForList("select " + group + ", count(*) from child_case c where " + m + scope
        + " group by " + group)));
    figures.add(jdbc.queryForList("select c.last_seen_at, c.located_at from child_case c where " + measures.get(2) + scope));
    return figures;
  }

  private static String[] time(String name, int runs, Supplier<?> app, Supplier<?> sql) {
    double[] a = measure(app, runs);
    double[] s = measure(sql, runs);
    return new String[] {name, fmt(a[0]), fmt(a[1]), fmt(s[0]), fmt(s[1]), String.format(Locale.ROOT, "%.1fx", a[0] / s[0])};
  }

  private static double[] measure(Supplier<?> query, int runs) {
    for (int i = 0; i < 3; i++) {
      query.get();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      query.get();
      ms.add((System.nanoTime() - start) / 1e6);
    }
    Collections.sort(ms);
    return new double[] {ms.get((int) Math.floor(0.50 * (ms.size() - 1))), ms.get((int) Math.ceil(0.95 * (ms.size() - 1)))};
  }

  private static String fmt(double ms) {
    return String.format(Locale.ROOT, "%.1f", ms);
  }

  /** Synthetic cases over the last year, all 47 counties, with open tasks at five steps and reunification steps. */
  private void seed(long cases) {
    Long present = jdbc.queryForObject("select count(*) from child_case", Long.class);
    if (present != null && present == cases) {
      System.out.printf(Locale.ROOT, "mcc_bench already holds %,d cases: reused%n", cases);
      return;
    }
    long start = System.nanoTime();
    // One transaction: a seeding stopped half-way leaves nothing (a million cases without their tasks
    // and steps would be taken for a seeded database by the count above). The outcome tallies' triggers
    // count a case as it is written; a million written by a few statements are counted once at the end
    // instead, as the migration that made the tallies counted the cases already kept (through the
    // triggers, the steps' insert alone ran for more than 14 minutes).
    tx.executeWithoutResult(status -> {
      jdbc.execute("truncate user_task_candidate_group, user_task, case_event, child_case cascade");
      jdbc.execute("alter table child_case disable trigger user");
      jdbc.execute("alter table case_event disable trigger user");
      insertCases(cases);
      jdbc.execute("alter table child_case enable trigger user");
      jdbc.execute("alter table case_event enable trigger user");
      // the count reads each case's steps by their index: planned on the tables as they now are
      jdbc.execute("analyze child_case, case_event");
      jdbc.queryForList("select outcome_tally_rebuild(zone) from outcome_tally_zone");
    });
    jdbc.execute("analyze");
    System.out.printf(Locale.ROOT, "seeded %,d cases in %.0f s%n", cases, (System.nanoTime() - start) / 1e9);
  }

  private void insertCases(long cases) {
    jdbc.update("""
        insert into child_case (id, case_type, case_number, status, county_code, sub_county, child_first_name, child_sex, child_age,
          last_seen_at, last_seen_place, disability_or_medical_need, suspected_abduction, reporter_name, reporter_phone,
          reporter_relationship, consent_publicity, consent_tracing, reported_at, reported_by, located_at, closed_at, caseworker)
        select gen_random_uuid(), case when i % 5 = 0 then 'FOUND' else 'MISSING' end, 'B-' || i,
          case when i % 10 < 6 then 'LOCATED' when i % 10 < 8 then 'CLOSED' else 'OPEN' end,
          lpad(((i % 47) + 1)::text, 3, '0'), 'Sub-county ' || (i % 7), 'Synthetic', case when i % 2 = 0 then 'FEMALE' else 'MALE' end,
          (i % 18)::int, ts - interval '3 hours', 'synthetic place', false, false, 'Synthetic Reporter', '+254700000000', 'PARENT',
          false, true, ts, 'admin', case when i % 10 < 8 then ts + ((i % 200) || ' hours')::interval end,
          case when i % 10 in (6, 7) then ts + interval '30 days' end, case when i % 3 = 0 then 'cw.nairobi' else 'cw2.nairobi' end
        from (select i, now() - ((i % 365) || ' days')::interval - ((i % 24) || ' hours')::interval as ts
              from generate_series(1, ?) i) s
        """, cases);
    jdbc.update("""
        insert into user_task (job_key, case_id, county_code, process_instance_key, bpmn_process_id, element_id, name, assignee,
          due_at, created_at, state, lock_expires_at, input_data)
        select row_number() over (), c.id, c.county_code, row_number() over (), 'missing-child-case',
          (array['%s'])[(abs(hashtext(c.case_number)) %% 5) + 1], 'step', case when abs(hashtext(c.case_number)) %% 4 = 0 then null else c.caseworker end,
          now() + ((abs(hashtext(c.case_number)) %% 96 - 48) || ' hours')::interval, c.reported_at, 'OPEN', now() + interval '1 day',
          '{"triage":{"provisionalRisk":"STANDARD"}}'
        from child_case c where c.status = 'OPEN'
        """.formatted(String.join("','", STEPS)));
    jdbc.update("insert into user_task_candidate_group (job_key, group_name) select job_key, 'caseworker' from user_task");
    jdbc.update("""
        insert into case_event (case_id, occurred_at, kind, element_id, step_name, actor, county_code)
        select id, located_at + interval '5 days', 'STEP_COMPLETED', 'Task_RecordReunification', 'Record reunification', 'seed', county_code
        from child_case where located_at is not null and abs(hashtext(case_number)) % 2 = 0
        """);
  }
}
