package ke.childprotection.reporting;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import ke.childprotection.reporting.OutcomeFigures.Dimension;
import ke.childprotection.reporting.OutcomeFigures.Filter;
import ke.childprotection.reporting.OutcomeFigures.Measure;
import ke.childprotection.reporting.OutcomeFigures.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outcome figures as counts kept up to date as cases move (PostgreSQL: the triggers and tables of
 * migration V34). Every change to a case appends what it adds and takes away in its own transaction; this
 * folds those changes into day and month counts every {@code mcc.reporting.tally-fold-interval}, and a
 * read adds the changes not folded yet, so a figure always says what the cases say (OutcomeTalliesTest
 * holds every figure against the cases themselves). On H2 (trials) nothing is kept: OutcomeFigures counts
 * the cases.
 */
@Component
public class OutcomeTallies {
  private static final Logger log = LoggerFactory.getLogger(OutcomeTallies.class);
  /** Before any case: "still missing at the end of a period" counts from here. */
  private static final LocalDate EVER = LocalDate.of(1900, 1, 1);
  private static final List<Measure> IN_PERIOD = List.of(Measure.REPORTED, Measure.FOUND, Measure.LOCATED, Measure.REUNITED,
      Measure.PLACED_IN_CARE, Measure.MISSING_AGAIN);
  private static final String MISSING_ENDED = "MISSING_ENDED";
  /** A transaction-level advisory lock: one fold or recount at a time, whichever instance. */
  private static final String ONE_AT_A_TIME = "select pg_try_advisory_xact_lock(hashtext('outcome_tally'))";

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final boolean kept;
  private final ZoneId zone;
  private final int batch;

  OutcomeTallies(JdbcClient db, DataSource dataSource, PlatformTransactionManager transactions,
      @Value("${mcc.display-time-zone:Africa/Nairobi}") String zone, @Value("${mcc.reporting.tally-fold-batch}") int batch) {
    this.db = db;
    this.tx = new TransactionTemplate(transactions);
    this.kept = isPostgres(dataSource);
    this.zone = ZoneId.of(zone);
    this.batch = batch;
  }

  private static boolean isPostgres(DataSource dataSource) {
    try (java.sql.Connection connection = dataSource.getConnection()) {
      return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** Whether the database keeps the tallies (PostgreSQL). */
  public boolean kept() {
    return kept;
  }

  /** Tallies counted in another time zone than the configured one are counted again, once, at start. */
  @EventListener(ApplicationReadyEvent.class)
  void countedInTheDisplayZone() {
    if (!kept) {
      return;
    }
    tx.executeWithoutResult(status -> {
      String counted = db.sql("select zone from outcome_tally_zone").query(String.class).single();
      if (!counted.equals(zone.getId()) && Boolean.TRUE.equals(db.sql(ONE_AT_A_TIME).query(Boolean.class).single())) {
        log.info("outcome tallies were counted in {}, the display zone is {}: counting every case again", counted, zone.getId());
        db.sql("select outcome_tally_rebuild(:zone)").param("zone", zone.getId()).query((rs, n) -> 1).list();
      }
    });
  }

  /** Folds the changes appended since the last fold; returns how many. */
  @Scheduled(fixedDelayString = "${mcc.reporting.tally-fold-interval}", initialDelayString = "${mcc.reporting.tally-fold-interval}")
  public int fold() {
    if (!kept) {
      return 0;
    }
    int folded = 0;
    while (true) {
      Integer round = tx.execute(status -> {
        if (!Boolean.TRUE.equals(db.sql(ONE_AT_A_TIME).query(Boolean.class).single())) {
          return 0;
        }
        int n = db.sql("select outcome_tally_fold(:batch)").param("batch", batch).query(Integer.class).single();
        db.sql("delete from outcome_tally where cases = 0").update();
        return n;
      });
      folded += round;
      if (round < batch) {
        return folded;
      }
    }
  }

  /**
   * Each measure by the dimension's groups (one group "" without a dimension), for the period and filter;
   * a group with none of any measure is not there, a measure a group has none of is not in its map.
   */
  Map<String, Map<Measure, Long>> counts(Period period, Filter filter, Dimension by) {
    LocalDate from = day(period.from());
    LocalDate to = day(period.to());
    Map<String, Map<Measure, Long>> counts = new TreeMap<>();
    read(IN_PERIOD.stream().map(Measure::name).toList(), from, to, filter, by,
        (group, measure, n) -> counts.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(Measure.valueOf(measure), n));
    // still missing at the end: reported missing before it, less those that stopped being missing before it
    read(List.of(Measure.REPORTED.name(), MISSING_ENDED), EVER, to, filter, by,
        (group, measure, n) -> counts.computeIfAbsent(group, g -> new LinkedHashMap<>())
            .merge(Measure.STILL_MISSING, measure.equals(MISSING_ENDED) ? -n : n, Long::sum));
    counts.values().forEach(c -> c.values().removeIf(n -> n == 0));
    counts.values().removeIf(Map::isEmpty);
    return counts;
  }

  private interface Row {
    void add(String group, String measure, long n);
  }

  /**
   * The measures over the days [from, to): whole months from the month counts, the days either side from
   * the day counts, less each case's second day in the period (pairs), plus the changes not folded yet.
   */
  private void read(List<String> measures, LocalDate from, LocalDate to, Filter filter, Dimension by, Row row) {
    LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
    LocalDate endMonth = to.withDayOfMonth(1);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("measures", measures);
    p.put("from", from);
    p.put("to", to);
    // each span its own index range (an empty range left out: the planner would read every day of the span)
    List<String> ranges = new java.util.ArrayList<>();
    if (firstMonth.isBefore(endMonth)) {
      p.put("firstMonth", firstMonth);
      p.put("endMonth", endMonth);
      ranges.add("span = 'M' and first_day >= :firstMonth and first_day < :endMonth");
      if (from.isBefore(firstMonth)) {
        ranges.add("span = 'D' and first_day >= :from and first_day < :firstMonth");
      }
      if (endMonth.isBefore(to)) {
        ranges.add("span = 'D' and first_day >= :endMonth and first_day < :to");
      }
    } else {
      ranges.add("span = 'D' and first_day >= :from and first_day < :to");
    }
    ranges.add("span = 'P' and first_day >= :from and last_day < :to");
    StringBuilder filters = new StringBuilder();
    filter(filters, p, "county_code", "county", filter.county());
    filter(filters, p, "sub_county", "subCounty", filter.subCounty());
    filter(filters, p, "child_sex", "sex", filter.sex());
    filter(filters, p, "age_band", "ageBand", filter.ageBand());
    String group = by == null ? "''" : by.tallied();
    String tallied = ranges.stream().map(range -> " select county_code, sub_county, child_sex, age_band, measure,"
        + " case when span = 'P' then -cases else cases end as n from outcome_tally where measure in (:measures) and " + range + filters
        + " union all").collect(java.util.stream.Collectors.joining());
    db.sql("select " + group + " as grp, measure, sum(n) as n from (" + tallied
            + " select county_code, sub_county, child_sex, age_band, measure, case when first_day = last_day then delta else -delta end"
            + " from outcome_tally_change where measure in (:measures) and first_day >= :from and last_day < :to" + filters
            + ") t group by 1, 2")
        .params(p).query((rs, n) -> {
          row.add(rs.getString("grp"), rs.getString("measure"), rs.getLong("n"));
          return null;
        }).list();
  }

  private static void filter(StringBuilder sql, Map<String, Object> p, String column, String name, String value) {
    if (value != null) {
      sql.append(" and ").append(column).append(" = :").append(name);
      p.put(name, value);
    }
  }

  private LocalDate day(OffsetDateTime at) {
    var local = at.atZoneSameInstant(zone);
    if (!local.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
      throw new IllegalArgumentException("a period of the outcome tallies starts and ends at midnight in " + zone);
    }
    return local.toLocalDate();
  }
}
