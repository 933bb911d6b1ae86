package ke.childprotection.matching;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.cases.NameKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matching at national scale (deploy/matching-benchmark.sh): {@code bench.open} open missing reports
 * (default 100,000) in PostgreSQL (schema mcc_bench_match, reused when it holds them), then for found
 * children of every sex and age: the time to find and score their candidates by the index, next to the
 * old way (every open report loaded and scored). Prints p50/p95; asserts nothing about time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@TestPropertySource(properties = {"MCC_DB_SCHEMA=mcc_bench_match", "spring.flyway.clean-disabled=true",
    "mcc.tasklist.reconcile-interval=P1D"})
class MatchingBenchmark {
  private static final String[] NAMES = {"Amani", "Amina", "Baraka", "Wanjiru", "Wanjiku", "Otieno", "Achieng", "Akinyi", "Kamau",
      "Mwangi", "Njeri", "Ochieng", "Chebet", "Kiprono", "Wafula", "Nafula", "Mutua", "Mwikali", "Halima", "Abdi"};

  @Autowired JdbcTemplate jdbc;
  @Autowired ChildCaseRepository cases;
  @Autowired MatchFinder finder;
  @Autowired ChildMatcher matcher;
  @Autowired TransactionTemplate tx;

  @Test
  void candidatesAndScoresAtScale() {
    int open = Integer.getInteger("bench.open", 100_000);
    int runs = Integer.getInteger("bench.runs", 30);
    seed(open);
    writeNameKeys();
    List<Double> indexed = new ArrayList<>();
    List<Double> scan = new ArrayList<>();
    List<Integer> candidates = new ArrayList<>();
    long proposedByIndex = 0;
    long proposedByScan = 0;
    long notByScan = 0;
    String[] sexes = {"FEMALE", "MALE", "UNKNOWN"};
    for (int i = 0; i < runs + 2; i++) {
      ChildCase found = foundChild(NAMES[i % NAMES.length], sexes[i % 3], i % 5 == 0 ? null : i % 18);
      Set<UUID> byIndexMatches = new HashSet<>();
      Set<UUID> byScanMatches = new HashSet<>();
      long t0 = System.nanoTime();
      int[] n = new int[1];
      tx.executeWithoutResult(s -> {
        List<MatchFinder.Other> others = finder.candidatesFor(found, true);
        n[0] = others.size();
        ChildMatcher.Profile own = MatchFinder.profile(found);
        others.stream().filter(o -> matcher.compare(own, o.profile()).isPresent()).forEach(o -> byIndexMatches.add(o.id()));
      });
      double byIndex = (System.nanoTime() - t0) / 1e6;
      t0 = System.nanoTime();
      tx.executeWithoutResult(s -> cases.findAll().stream()
          .filter(c -> c.getCaseType() == ChildCase.Type.MISSING && c.getStatus() == ChildCase.Status.OPEN && c.isConsentTracing())
          .filter(o -> matcher.compare(MatchFinder.profile(found), MatchFinder.profile(o)).isPresent())
          .forEach(o -> byScanMatches.add(o.getId())));
      double byScan = (System.nanoTime() - t0) / 1e6;
      if (i >= 2) { // the first two warm up
        indexed.add(byIndex);
        scan.add(byScan);
        candidates.add(n[0]);
        proposedByIndex += byIndexMatches.size();
        proposedByScan += byScanMatches.size();
        byIndexMatches.removeAll(byScanMatches);
        notByScan += byIndexMatches.size();
      }
    }
    Collections.sort(candidates);
    System.out.printf(Locale.ROOT, "Matching benchmark: %d open missing reports, %d found children; candidates per child p50 %d, max %d%n",
        open, runs, candidates.get(candidates.size() / 2), candidates.get(candidates.size() - 1));
    System.out.printf(Locale.ROOT, "matching by index (ms)   p50 %8.1f   p95 %8.1f%n", percentile(indexed, 50), percentile(indexed, 95));
    System.out.printf(Locale.ROOT, "matching by scan  (ms)   p50 %8.1f   p95 %8.1f%n", percentile(scan, 50), percentile(scan, 95));
    System.out.printf(Locale.ROOT, "matching by index proposes %d of the %d pairs the scan proposes (%.1f%%; the rest: names with"
        + " no key in common), and %d the scan does not%n", proposedByIndex - notByScan, proposedByScan,
        proposedByScan == 0 ? 100.0 : 100.0 * (proposedByIndex - notByScan) / proposedByScan, notByScan);
  }

  private ChildCase foundChild(String name, String sex, Integer age) {
    UUID id = UUID.randomUUID();
    jdbc.update("""
        insert into child_case (id, case_type, case_number, status, county_code, child_first_name, child_sex, child_age,
          last_seen_at, last_seen_place, disability_or_medical_need, suspected_abduction, reporter_name, reporter_phone,
          reporter_relationship, consent_publicity, consent_tracing, reported_at, reported_by)
        values (?, 'FOUND', ?, 'CLOSED', '047', ?, ?, ?, ?, 'Kibra', false, false, 'Synthetic', '+254700000000', 'POLICE', false, true, ?, 'cw.nairobi')
        """, id, "FB-" + id.toString().substring(0, 13), name, sex, age, OffsetDateTime.now(), OffsetDateTime.now());
    return cases.findById(id).orElseThrow();
  }

  private void seed(int open) {
    Integer have = jdbc.queryForObject("select count(*) from child_case where case_number like 'MB-%'", Integer.class);
    if (have != null && have == open) {
      System.out.println("mcc_bench_match already holds " + open + " open reports");
      return;
    }
    jdbc.update("delete from child_case where case_number like 'MB-%' or case_number like 'FB-%'");
    StringBuilder names = new StringBuilder("array[");
    for (int i = 0; i < NAMES.length; i++) {
      names.append(i == 0 ? "" : ",").append('\'').append(NAMES[i]).append('\'');
    }
    names.append(']');
    jdbc.update("""
        insert into child_case (id, case_type, case_number, status, county_code, child_first_name, child_last_name, child_sex, child_age,
          last_seen_at, last_seen_place, disability_or_medical_need, suspected_abduction, reporter_name, reporter_phone,
          reporter_relationship, consent_publicity, consent_tracing, reported_at, reported_by)
        select gen_random_uuid(), 'MISSING', 'MB-' || i, 'OPEN', lpad(((i %% 47) + 1)::text, 3, '0'),
          (%s)[(i %% %d) + 1], 'Synthetic', case when i %% 2 = 0 then 'FEMALE' else 'MALE' end, (i %% 18)::int,
          now() - ((i %% 730) || ' days')::interval, 'synthetic place', false, false, 'Synthetic', '+254700000000', 'PARENT',
          false, true, now() - ((i %% 730) || ' days')::interval, 'cw.nairobi'
        from generate_series(1, %d) as i
        """.formatted(names, NAMES.length, open));
    jdbc.execute("analyze child_case");
    System.out.println("seeded " + open + " open missing reports");
  }

  /** Each seeded report's name keys, as the app stores them (NameKeys; written again each run: the keys may have changed). */
  private void writeNameKeys() {
    StringBuilder keys = new StringBuilder();
    for (String name : NAMES) {
      for (String key : NameKeys.of(name, "Synthetic")) {
        keys.append(keys.isEmpty() ? "" : ",").append("('").append(name).append("','").append(key).append("')");
      }
    }
    jdbc.update("delete from child_name_key where case_id in (select id from child_case where case_number like 'MB-%')");
    jdbc.update("insert into child_name_key (case_id, name_key) select c.id, k.name_key from child_case c"
        + " join (values " + keys + ") as k (name, name_key) on c.child_first_name = k.name where c.case_number like 'MB-%'");
    jdbc.execute("analyze child_name_key");
  }

  private static double percentile(List<Double> values, int p) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
