package ke.childprotection.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import ke.childprotection.it.IntegrationTest;
import ke.childprotection.reporting.OutcomeFigures.Dimension;
import ke.childprotection.reporting.OutcomeFigures.Filter;
import ke.childprotection.reporting.OutcomeFigures.Measure;
import ke.childprotection.reporting.OutcomeFigures.Period;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outcome tallies (PostgreSQL triggers, folded by OutcomeTallies) against the cases themselves:
 * synthetic cases in three counties nobody else's test uses, moved the ways cases move (located, closed,
 * corrected, a step completed on one day or several, a timeline entry moved or removed, a case removed),
 * and every measure compared by every breakdown and filter, for months, a quarter and day ranges that
 * cut months, before and after the changes are folded.
 */
@IntegrationTest
class OutcomeTalliesTest {
  private static final ZoneId ZONE = ZoneId.of("Africa/Nairobi");
  private static final List<String> COUNTIES = List.of("041", "042", "043");
  private static final List<String> SUB_COUNTIES = List.of("North", "South", "East");
  private static final List<String> STEPS = List.of("Task_RecordReunification", "Task_RecordPlacement");

  @Autowired JdbcTemplate jdbc;
  @Autowired OutcomeFigures figures;
  @Autowired OutcomeTallies tallies;
  @Autowired javax.sql.DataSource dataSource;

  private final Random random = new Random(20261202);
  private final List<UUID> cases = new ArrayList<>();

  @Test
  void everyFigureFromTheTalliesIsWhatTheCasesSayBeforeAndAfterFoldingAndAsCasesMove() {
    assertThat(tallies.kept()).as("the integration tests run on PostgreSQL").isTrue();
    tallies.fold();
    for (int i = 0; i < 240; i++) {
      addCase(i);
    }
    // located the evening before the report that was made just after midnight, at a month's end: not
    // missing at the end of September (it was reported in October), nor at the end of October
    for (int i = 0; i < 3; i++) {
      addCase(300 + i, OffsetDateTime.parse("2026-10-01T00:30+03:00"), OffsetDateTime.parse("2026-09-30T22:00+03:00"));
    }
    sameFigures("as reported, nothing folded");
    foldEverything();
    sameFigures("folded");

    move();
    sameFigures("moved, not folded");
    foldEverything();
    sameFigures("moved and folded");
    assertThat(jdbc.queryForObject("select count(*) from outcome_tally where cases < 0", Long.class))
        .as("no count below zero").isZero();
    assertThat(jdbc.queryForObject("select count(*) from outcome_tally where span = 'P' and county_code in ('041', '042', '043')",
        Long.class)).as("cases that completed a step on two days are among them").isPositive();
  }

  @Test
  void aDifferentDisplayZoneIsCountedAgainAndTheFiguresStayTheCases() {
    addCase(1000);
    addCase(1001);
    jdbc.execute("select outcome_tally_rebuild('UTC')");
    assertThat(jdbc.queryForObject("select zone from outcome_tally_zone", String.class)).isEqualTo("UTC");
    tallies.countedInTheDisplayZone();
    assertThat(jdbc.queryForObject("select zone from outcome_tally_zone", String.class)).isEqualTo("Africa/Nairobi");
    assertThat(jdbc.queryForObject("select count(*) from outcome_tally_change", Long.class)).isZero();
    sameFigures("counted again");
  }

  @Test
  void aStepCompletedWhileTheCaseIsCorrectedInAnotherTransactionCountsUnderTheCorrectedKey() throws Exception {
    for (boolean correctionFirst : new boolean[] {true, false}) {
      addCase(2000 + (correctionFirst ? 0 : 1));
      UUID id = cases.get(cases.size() - 1);
      try (var correction = dataSource.getConnection(); var completion = dataSource.getConnection()) {
        correction.setAutoCommit(false);
        completion.setAutoCommit(false);
        var first = correctionFirst ? correction : completion;
        var second = correctionFirst ? completion : correction;
        run(correction, "update child_case set sub_county = 'Corrected', child_age = 3 where id = '" + id + "'", correctionFirst);
        run(completion, "insert into case_event (case_id, occurred_at, kind, element_id, step_name, actor, county_code) select id,"
            + " timestamptz '2026-10-14T12:00+03:00', 'STEP_COMPLETED', 'Task_RecordReunification', 'x', 'test', county_code"
            + " from child_case where id = '" + id + "'", !correctionFirst);
        // the second statement waits for the first transaction's lock: run it on its own thread, then commit the first
        var waiting = java.util.concurrent.CompletableFuture.runAsync(() -> {
          try {
            run(second, correctionFirst
                ? "insert into case_event (case_id, occurred_at, kind, element_id, step_name, actor, county_code) select id,"
                    + " timestamptz '2026-10-14T12:00+03:00', 'STEP_COMPLETED', 'Task_RecordReunification', 'x', 'test', county_code"
                    + " from child_case where id = '" + id + "'"
                : "update child_case set sub_county = 'Corrected', child_age = 3 where id = '" + id + "'", true);
            second.commit();
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        first.commit();
        waiting.get(2, java.util.concurrent.TimeUnit.MINUTES);
      }
      sameFigures("a step completed while the case was corrected (correction first: " + correctionFirst + ")");
    }
  }

  private static void run(java.sql.Connection connection, String sql, boolean now) throws java.sql.SQLException {
    if (now) {
      try (var statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }
  }

  /** Folds until no change is left (the scheduled fold may hold the fold's lock for a moment). */
  private void foldEverything() {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
    while (jdbc.queryForObject("select count(*) from outcome_tally_change", Long.class) > 0) {
      assertThat(System.nanoTime()).as("every change folded within 2 minutes").isLessThan(deadline);
      tallies.fold();
      Thread.onSpinWait();
    }
  }

  private OffsetDateTime at(LocalDate day, int hour) {
    return day.atStartOfDay(ZONE).plusHours(hour).plusMinutes(random.nextInt(60)).toOffsetDateTime();
  }

  private LocalDate someDay() {
    return LocalDate.of(2026, 7, 25).plusDays(random.nextInt(150));
  }

  private void addCase(int i) {
    addCase(i, null, null);
  }

  /** A synthetic case; reported and located as given, or at random when reported is null. */
  private void addCase(int i, OffsetDateTime reportedAt, OffsetDateTime locatedAt) {
    UUID id = UUID.randomUUID();
    LocalDate day = reportedAt == null ? someDay() : reportedAt.atZoneSameInstant(ZONE).toLocalDate();
    // around midnight now and then: the day is the display zone's
    int hour = random.nextInt(5) == 0 ? 23 : random.nextInt(5) == 0 ? 0 : 8 + random.nextInt(10);
    OffsetDateTime reported = at(day, hour);
    // now and then recorded as located before the report (a report made after the child came home): the
    // day before, when reported just after midnight
    OffsetDateTime located = random.nextInt(3) == 0 ? null
        : random.nextInt(8) == 0 ? reported.minusHours(1 + random.nextInt(3)) : reported.plusHours(random.nextInt(24 * 40));
    if (reportedAt != null) {
      reported = reportedAt;
      located = locatedAt;
    }
    boolean missing = reportedAt != null || random.nextInt(4) != 0;
    UUID previous = missing && !cases.isEmpty() && random.nextInt(6) == 0 ? cases.get(random.nextInt(cases.size())) : null;
    jdbc.update("""
        insert into child_case (id, case_type, case_number, status, county_code, sub_county, child_first_name, child_sex, child_age,
          last_seen_at, last_seen_place, disability_or_medical_need, suspected_abduction, reporter_name, reporter_phone,
          reporter_relationship, consent_publicity, consent_tracing, reported_at, reported_by, located_at, previous_case_id)
        values (?, ?, ?, ?, ?, ?, 'Synthetic', ?, ?, ?, 'synthetic place', false, false, 'Synthetic Reporter', '+254700000009',
          'PARENT', false, false, ?, 'admin', ?, ?)
        """, id, missing ? "MISSING" : "FOUND", "TALLY" + id.toString().substring(0, 8) + "-" + i, located == null ? "OPEN" : "LOCATED",
        COUNTIES.get(random.nextInt(COUNTIES.size())), random.nextInt(5) == 0 ? null : SUB_COUNTIES.get(random.nextInt(3)),
        random.nextBoolean() ? "FEMALE" : "MALE", random.nextInt(8) == 0 ? null : random.nextInt(18), reported.minusHours(5), reported,
        located, previous);
    cases.add(id);
    int steps = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(3);
    for (int s = 0; s < steps; s++) {
      // the same step again on the same day, on another day in the month, or months later
      LocalDate stepDay = s == 0 ? day.plusDays(random.nextInt(20)) : random.nextBoolean() ? day.plusDays(random.nextInt(3))
          : day.plusDays(random.nextInt(90));
      step(id, STEPS.get(random.nextInt(4) == 0 ? 1 : 0), at(stepDay, 12));
    }
  }

  private void step(UUID caseId, String elementId, OffsetDateTime at) {
    jdbc.update("insert into case_event (case_id, occurred_at, kind, element_id, step_name, actor, county_code) values (?, ?,"
        + " 'STEP_COMPLETED', ?, ?, 'test', (select county_code from child_case where id = ?))", caseId, at, elementId, elementId, caseId);
  }

  /** Cases move the ways they do: one statement each, as the app and its jobs make them. */
  private void move() {
    for (UUID id : cases.subList(0, 200)) {
      switch (random.nextInt(9)) {
        case 0 -> jdbc.update("update child_case set located_at = reported_at + interval '50 hours', status = 'LOCATED' where id = ?", id);
        case 1 -> jdbc.update("update child_case set located_at = null, status = 'OPEN' where id = ?", id);
        case 2 -> jdbc.update("update child_case set closed_at = reported_at + interval '20 days', status = 'CLOSED' where id = ?", id);
        case 3 -> jdbc.update("update child_case set sub_county = ?, child_age = ? where id = ?", SUB_COUNTIES.get(random.nextInt(3)),
            random.nextInt(18), id);
        case 4 -> jdbc.update("update child_case set child_sex = 'FEMALE', reported_at = reported_at - interval '9 days' where id = ?", id);
        case 5 -> step(id, "Task_RecordReunification", at(someDay(), 10));
        case 6 -> jdbc.update("update case_event set occurred_at = occurred_at + interval '33 days' where id = (select min(id) from case_event"
            + " where case_id = ? and kind = 'STEP_COMPLETED')", id);
        case 7 -> jdbc.update("delete from case_event where id = (select max(id) from case_event where case_id = ? and kind = 'STEP_COMPLETED')", id);
        default -> jdbc.update("update child_case set reporter_name = 'Synthetic Reporter 2', version = version + 1 where id = ?", id);
      }
    }
    // a case removed (its timeline first), and one whose timeline entry stops being a completed step
    UUID gone = cases.get(210);
    jdbc.update("update child_case set previous_case_id = null where previous_case_id = ?", gone);
    jdbc.update("delete from case_event where case_id = ?", gone);
    jdbc.update("delete from child_case where id = ?", gone);
    cases.remove(gone);
    jdbc.update("update case_event set kind = 'STEP_INTERRUPTED' where case_id in (" + String.join(", ", java.util.Collections.nCopies(10, "?"))
        + ") and kind = 'STEP_COMPLETED'", cases.subList(220, 230).toArray());
  }

  private void sameFigures(String when) {
    List<Period> periods = List.of(figures.period("2026-09", null, null), figures.period("2026-10", null, null),
        figures.period("2026-Q4", null, null), figures.period(null, LocalDate.of(2026, 8, 17), LocalDate.of(2026, 10, 5)),
        figures.period(null, LocalDate.of(2026, 10, 3), LocalDate.of(2026, 10, 20)),
        figures.period(null, LocalDate.of(2026, 6, 1), LocalDate.of(2027, 3, 1)),
        figures.period(null, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 1)));
    for (Period period : periods) {
      for (String county : COUNTIES) {
        List<Filter> filters = List.of(new Filter(county, null, null, null), new Filter(county, "North", null, null),
            new Filter(county, "not recorded", "FEMALE", null), new Filter(county, null, "MALE", "6-11"),
            new Filter(county, null, null, "unknown"));
        for (Filter filter : filters) {
          for (Dimension by : new Dimension[] {null, Dimension.SUB_COUNTY, Dimension.SEX, Dimension.AGE_BAND}) {
            assertThat(tallies.counts(period, filter, by)).as(when + ": " + period.label() + " " + filter + " by " + by)
                .isEqualTo(figures.counted(period, filter, by));
          }
        }
      }
      // national, by county: the three counties' groups (other tests' cases are in other counties)
      Map<String, Map<Measure, Long>> national = tallies.counts(period, new Filter(null, null, null, null), Dimension.COUNTY);
      Map<String, Map<Measure, Long>> counted = figures.counted(period, new Filter(null, null, null, null), Dimension.COUNTY);
      for (String county : COUNTIES) {
        assertThat(national.get(county)).as(when + ": " + period.label() + " national, " + county).isEqualTo(counted.get(county));
      }
    }
  }
}
