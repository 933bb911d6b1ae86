package ke.childprotection.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.cases.NameKeys;
import ke.childprotection.it.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The indexed candidates (sex, age band, time window and name keys asked of the database) leave out no
 * record the matcher would accept whose names share a key with the new record's: over a few hundred
 * synthetic records of every sex, age, date and name (spelling variants among them), what a new record
 * matches among the candidates equals what it matches among every open record, less exactly the pairs
 * of names that neither sound nor start alike.
 */
@IntegrationTest
class MatchingCandidatesTest {
  @Autowired JdbcTemplate jdbc;
  @Autowired ChildCaseRepository cases;
  @Autowired MatchFinder finder;
  @Autowired ChildMatcher matcher;

  private static final String[] NAMES = {"Amani", "Amina", "Aminah", "Baraka", "Wanjiru", "Wanjiku", "Otieno", "Otiyeno", "Achieng",
      "Akinyi", "Kamau", "Wafula", "Nafula"};
  private static final String[] SEXES = {"FEMALE", "MALE", "UNKNOWN"};

  @Test
  void theIndexedCandidatesMatchWhatEveryOpenRecordWould() {
    Random random = new Random(20261202);
    String batch = UUID.randomUUID().toString().substring(0, 6);
    OffsetDateTime now = OffsetDateTime.now();
    for (int i = 0; i < 300; i++) {
      boolean found = i % 3 == 0;
      UUID id = UUID.randomUUID();
      String firstName = NAMES[random.nextInt(NAMES.length)];
      String otherNames = random.nextInt(4) == 0 ? null : "Synthetic";
      jdbc.update("""
          insert into child_case (id, case_type, case_number, status, county_code, child_first_name, child_last_name, child_sex, child_age,
            last_seen_at, last_seen_place, disability_or_medical_need, suspected_abduction, reporter_name, reporter_phone,
            reporter_relationship, consent_publicity, consent_tracing, reported_at, reported_by)
          values (?, ?, ?, 'OPEN', ?, ?, ?, ?, ?, ?, 'Toi market', false, false, 'Synthetic', '+254700000000', 'PARENT', false, ?, ?, 'cw.nairobi')
          """, id, found ? "FOUND" : "MISSING", "MT-" + batch + "-" + i, random.nextBoolean() ? "047" : "001",
          firstName, otherNames, SEXES[random.nextInt(3)],
          random.nextInt(6) == 0 ? null : random.nextInt(18), now.minusHours(random.nextInt(24 * 60)), random.nextInt(10) > 0, now);
      NameKeys.of(firstName, otherNames).forEach(key -> jdbc.update("insert into child_name_key (case_id, name_key) values (?, ?)", id, key));
    }
    try {
      compareAll(batch);
    } finally {
      // the synthetic records leave the shared schema (other tests count the cases of a county)
      jdbc.update("delete from match_candidate where found_case_id in (select id from child_case where case_number like ?) "
          + "or missing_case_id in (select id from child_case where case_number like ?)", "MT-" + batch + "-%", "MT-" + batch + "-%");
      jdbc.update("delete from child_case where case_number like ?", "MT-" + batch + "-%");
    }
  }

  private void compareAll(String batch) {
    List<ChildCase> all = cases.findAll();
    List<ChildCase> mine = all.stream().filter(c -> c.getCaseNumber().startsWith("MT-" + batch)).toList();
    List<ChildCase> open = all.stream()
        .filter(c -> c.getStatus() == ChildCase.Status.OPEN && c.isConsentTracing() && c.getLinkedCaseId() == null).toList();
    int compared = 0;
    int candidatesRead = 0;
    int matched = 0;
    int leftOut = 0;
    for (ChildCase record : mine) {
      boolean found = record.getCaseType() == ChildCase.Type.FOUND;
      List<ChildCase> everyOpen = open.stream().filter(c -> c.getCaseType() != record.getCaseType()).toList();
      Set<UUID> byScan = matches(record, found, everyOpen);
      Set<UUID> keyed = everyOpen.stream().filter(o -> comparedByKey(record, o)).map(ChildCase::getId).collect(Collectors.toSet());
      Set<UUID> unkeyed = byScan.stream().filter(m -> !keyed.contains(m)).collect(Collectors.toSet());
      byScan.removeAll(unkeyed);
      leftOut += unkeyed.size();
      List<MatchFinder.Other> indexed = finder.candidatesFor(record, found);
      ChildMatcher.Profile own = MatchFinder.profile(record);
      Set<UUID> byIndex = indexed.stream()
          .filter(o -> (found ? matcher.compare(own, o.profile()) : matcher.compare(o.profile(), own)).isPresent())
          .map(MatchFinder.Other::id).collect(Collectors.toSet());
      assertThat(byIndex).as("record %s", record.getCaseNumber()).isEqualTo(byScan);
      assertThat(indexed.size()).isLessThanOrEqualTo(everyOpen.size());
      candidatesRead += indexed.size();
      compared += everyOpen.size();
      matched += byScan.size();
    }
    assertThat(leftOut).as("names that neither sound nor start alike (Amani and Kamau) are not compared").isPositive();
    assertThat(matched).as("the records match one another at all").isGreaterThan(20);
    assertThat(candidatesRead).as("the index leaves records out").isLessThan(compared);
    System.out.printf("Matching candidates: %d records, %d comparisons by scan, %d by the index, %d matches, the same by both;"
        + " %d accepted by the scan between names with no key in common%n", mine.size(), compared, candidatesRead, matched, leftOut);
  }

  /** Spelling variants share a key: the first letter wrong, a later one, a sound written two ways. */
  @Test
  void spellingVariantsShareAKeyAndDifferentNamesDoNot() {
    assertThat(NameKeys.of("Wafula", null)).containsAnyElementsOf(NameKeys.of("Nafula", null));
    assertThat(NameKeys.of("Wanjiru", null)).containsAnyElementsOf(NameKeys.of("Wanjiku", null));
    assertThat(NameKeys.of("Otieno", null)).containsAnyElementsOf(NameKeys.of("Otiyeno", null));
    assertThat(NameKeys.of("Achieng", null)).containsAnyElementsOf(NameKeys.of("Ochieng", null));
    assertThat(NameKeys.of("Mary-Anne", null)).isEqualTo(NameKeys.of(" mary anne ", null));
    assertThat(NameKeys.of("Amani", null)).doesNotContainAnyElementsOf(NameKeys.of("Kamau", null));
    assertThat(NameKeys.of("Baraka", "Otieno")).containsAnyElementsOf(NameKeys.of("Otieno", null)).as("either name");
    assertThat(NameKeys.of(null, null)).isEmpty();
  }

  /** Whether matching compares the two records at all by their names (a record without a first name: always). */
  private static boolean comparedByKey(ChildCase a, ChildCase b) {
    if (blank(a.getChildFirstName()) || blank(b.getChildFirstName())) {
      return true;
    }
    Set<String> keys = new java.util.HashSet<>(NameKeys.of(a.getChildFirstName(), a.getChildLastName()));
    keys.retainAll(NameKeys.of(b.getChildFirstName(), b.getChildLastName()));
    return !keys.isEmpty();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  private Set<UUID> matches(ChildCase record, boolean found, List<ChildCase> others) {
    return others.stream()
        .filter(o -> matcher.compare(MatchFinder.profile(found ? record : o), MatchFinder.profile(found ? o : record)).isPresent())
        .map(ChildCase::getId).collect(Collectors.toCollection(java.util.HashSet::new));
  }
}
