package ke.childprotection.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import ke.childprotection.matching.ChildMatcher.Label;
import ke.childprotection.matching.ChildMatcher.Profile;
import org.junit.jupiter.api.Test;

/** The matcher on cases that should and should not match, with the configured default policy. */
class ChildMatcherTest {
  private final ChildMatcher matcher = new ChildMatcher(new MatchingPolicy(0.80, 0.60, 0.85, 0.70, 3, 0.85,
      new MatchingPolicy.Weights(0.40, 0.10, 0.20, 0.15, 0.15, 0.15)));
  private static final OffsetDateTime LAST_SEEN = OffsetDateTime.parse("2026-11-20T08:00:00+03:00");
  private static final Profile MISSING = new Profile("Wanjiru", "Kamau", "FEMALE", 9, "047", "Toi market, Kibra", LAST_SEEN,
      "Wanjiku Njeri (mother), Kamau Mwangi (father)");

  private static Profile found(String first, String other, String sex, Integer age, String county, String place, int daysLater) {
    return new Profile(first, other, sex, age, county, place, LAST_SEEN.plusDays(daysLater), null);
  }

  @Test
  void misspeltNameAndAgeOffByOneIsLikely() {
    var match = matcher.compare(found("Wanjiro", "Kamau", "FEMALE", 10, "047", "Kibra", 2), MISSING);
    assertThat(match).hasValueSatisfying(m -> {
      assertThat(m.label()).isEqualTo(Label.LIKELY);
      assertThat(m.reasons()).contains("age differs by 1", "same county");
    });
  }

  @Test
  void namesThatSoundAlikeButAreSpeltApartStillMatch() {
    assertThat(matcher.compare(found("Wanjeeru", null, "FEMALE", 9, "047", "Kibera", 1), MISSING))
        .hasValueSatisfying(m -> assertThat(m.label()).isEqualTo(Label.LIKELY));
  }

  @Test
  void namesGivenInTheOtherOrderMatch() {
    assertThat(matcher.compare(found("Kamau", "Wanjiru", "FEMALE", 9, "047", "Kibra", 1), MISSING))
        .hasValueSatisfying(m -> assertThat(m.label()).isEqualTo(Label.LIKELY));
  }

  @Test
  void aChildWhoseNameIsUnknownCanOnlyBePossible() {
    assertThat(matcher.compare(found(null, null, "FEMALE", 9, "047", "Toi market", 1), MISSING))
        .hasValueSatisfying(m -> assertThat(m.label()).isEqualTo(Label.POSSIBLE));
  }

  @Test
  void anotherCountyAndSomeWeeksLaterIsAtMostPossible() {
    assertThat(matcher.compare(found("Wanjiru", null, "FEMALE", 11, "001", "Likoni ferry", 40), MISSING))
        .hasValueSatisfying(m -> assertThat(m.label()).isEqualTo(Label.POSSIBLE));
  }

  @Test
  void differentSexIsNeverAMatch() {
    assertThat(matcher.compare(found("Wanjiru", "Kamau", "MALE", 9, "047", "Kibra", 1), MISSING)).isEmpty();
  }

  @Test
  void aDifferentChildIsNotProposed() {
    assertThat(matcher.compare(found("Otieno", "Odhiambo", "FEMALE", 9, "047", "Kibra", 1), MISSING)).isEmpty();
    assertThat(matcher.compare(found("Wanjiru", "Kamau", "FEMALE", 15, "047", "Kibra", 1), MISSING)).as("age gap 6").isEmpty();
  }

  @Test
  void aChildFoundBeforeGoingMissingIsNotTheSameEpisode() {
    assertThat(matcher.compare(found("Wanjiru", "Kamau", "FEMALE", 9, "047", "Kibra", -5), MISSING)).isEmpty();
  }

  @Test
  void relativesTheChildNamesRaiseTheScoreWhenTheyAgreeWithTheReport() {
    Profile unnamed = found(null, null, "FEMALE", 9, "047", "Kibra", 1);
    Profile namesMother = new Profile(null, null, "FEMALE", 9, "047", "Kibra", LAST_SEEN.plusDays(1), "mama Wanjiko");
    Profile namesStranger = new Profile(null, null, "FEMALE", 9, "047", "Kibra", LAST_SEEN.plusDays(1), "mama Akinyi");
    double none = matcher.compare(unnamed, MISSING).orElseThrow().score();
    var agreeing = matcher.compare(namesMother, MISSING).orElseThrow();
    assertThat(agreeing.reasons()).contains("relatives named alike");
    assertThat(agreeing.score()).isGreaterThan(none);
    assertThat(matcher.compare(namesStranger, MISSING).map(ChildMatcher.Match::score).orElse(0.0)).isLessThan(agreeing.score());
  }

  @Test
  void anEarlierEpisodeNeedsMoreThanFirstNameSexAndAge() {
    Profile earlier = new Profile("Wanjiru", "Kamau", "FEMALE", 9, "047", "Toi market, Kibra", LAST_SEEN.minusMonths(5), null);
    // Same first name, sex, age and county, but another family name and another place: never proposed.
    assertThat(matcher.earlierEpisode(new Profile("Wanjiru", "Otieno", "FEMALE", 9, "047", "Githurai bus stop", LAST_SEEN, null), earlier))
        .isEmpty();
    // A sister: the same family name, place and relatives, another first name.
    assertThat(matcher.earlierEpisode(new Profile("Achieng", "Kamau", "FEMALE", 10, "047", "Toi market, Kibra", LAST_SEEN, null), earlier))
        .isEmpty();
    // Nothing but first name, sex and age known: not proposed either.
    assertThat(matcher.earlierEpisode(new Profile("Wanjiru", null, "FEMALE", 9, "047", null, LAST_SEEN, null),
        new Profile("Wanjiru", null, "FEMALE", 9, "047", null, LAST_SEEN.minusMonths(5), null))).isEmpty();
  }

  @Test
  void anEarlierEpisodeIsProposedWithItsEvidence() {
    Profile earlier = new Profile("Wanjiru", "Kamau", "FEMALE", 9, "047", "Toi market, Kibra", LAST_SEEN.minusMonths(5),
        "Wanjiku Njeri (mother)");
    assertThat(matcher.earlierEpisode(new Profile("Wanjiro", "Kamau", "FEMALE", 10, "047", "Kibra", LAST_SEEN, null), earlier))
        .hasValueSatisfying(m -> assertThat(m.reasons()).contains("other names agree"));
    assertThat(matcher.earlierEpisode(new Profile("Wanjiru", null, "FEMALE", 9, "047", "Gikomba", LAST_SEEN, "Mama Wanjiku Njeri"), earlier))
        .hasValueSatisfying(m -> assertThat(m.reasons()).contains("relatives named alike"));
    assertThat(matcher.earlierEpisode(new Profile("Wanjiru", null, "FEMALE", 9, "047", "Toi market Kibra", LAST_SEEN, null), earlier))
        .hasValueSatisfying(m -> assertThat(m.reasons()).contains("same place last seen"));
  }
}
