package ke.childprotection.matching;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.springframework.stereotype.Component;

/**
 * Scores how well a found child fits a missing report: names compared fuzzily (Jaro-Winkler) and by
 * sound (Double Metaphone), in either order; sex; age within a gap; place; time (a child cannot be
 * found before going missing); and the names of relatives. Each kind of evidence counts by its
 * configured weight; a "likely" match also needs the names to agree.
 */
@Component
public class ChildMatcher {
  public enum Label { LIKELY, POSSIBLE }

  /** What the matcher compares: the same fields for a found child and a missing report. */
  public record Profile(String firstName, String otherNames, String sex, Integer age, String countyCode,
      String place, OffsetDateTime when, String relatives) {}

  public record Match(double score, Label label, List<String> reasons) {}

  private final MatchingPolicy policy;
  private final JaroWinklerSimilarity jaroWinkler = new JaroWinklerSimilarity();
  private final DoubleMetaphone metaphone = new DoubleMetaphone();

  public ChildMatcher(MatchingPolicy policy) {
    this.policy = policy;
  }

  public Optional<Match> compare(Profile found, Profile missing) {
    List<String> reasons = new ArrayList<>();
    if (known(found.sex()) && known(missing.sex()) && !found.sex().equals(missing.sex())) {
      return Optional.empty();
    }
    if (found.when() != null && missing.when() != null && found.when().isBefore(missing.when().minusDays(1))) {
      return Optional.empty();
    }
    Integer ageGap = found.age() == null || missing.age() == null ? null : Math.abs(found.age() - missing.age());
    if (ageGap != null && ageGap > policy.maxAgeGap()) {
      return Optional.empty();
    }
    var weights = policy.weights();
    double total = 0;
    double weightSum = 0;

    Double nameScore = nameScore(found, missing);
    if (nameScore != null && nameScore < policy.possibleNeedsName()) {
      return Optional.empty();
    }
    if (nameScore != null) {
      total += weights.name() * nameScore;
      weightSum += weights.name();
      reasons.add("name %.2f".formatted(nameScore) + (soundAlike(found.firstName(), missing.firstName()) ? " (sounds alike)" : ""));
    }
    double sexScore = known(found.sex()) && known(missing.sex()) ? 1.0 : 0.5;
    total += weights.sex() * sexScore;
    weightSum += weights.sex();
    if (ageGap != null) {
      double ageScore = switch (ageGap) {
        case 0 -> 1.0;
        case 1 -> 0.85;
        case 2 -> 0.5;
        default -> 0.2;
      };
      total += weights.age() * ageScore;
      weightSum += weights.age();
      reasons.add(ageGap == 0 ? "same age" : "age differs by " + ageGap);
    }
    if (missing.countyCode() != null) {
      boolean sameCounty = missing.countyCode().equals(found.countyCode());
      double placeText = similarity(found.place(), missing.place());
      total += weights.place() * ((sameCounty ? 0.7 : 0.0) + 0.3 * placeText);
      weightSum += weights.place();
      reasons.add(sameCounty ? "same county" : "another county");
    }
    // Relatives are often not recorded: no names on either side counts as neutral evidence (0.5), so
    // that relatives who agree raise the score and relatives who do not lower it.
    Double relativesScore = relativesScore(found.relatives(), missing.relatives());
    total += weights.relatives() * (relativesScore == null ? 0.5 : relativesScore);
    weightSum += weights.relatives();
    if (relativesScore != null && relativesScore >= 0.85) {
      reasons.add("relatives named alike");
    }
    if (found.when() != null && missing.when() != null) {
      long days = Math.max(0, Duration.between(missing.when(), found.when()).toDays());
      double timeScore = days <= 7 ? 1.0 : days <= 30 ? 0.8 : days <= 180 ? 0.5 : 0.2;
      total += weights.time() * timeScore;
      weightSum += weights.time();
      reasons.add("found " + days + " day(s) after last seen");
    }
    double score = weightSum == 0 ? 0 : total / weightSum;
    Label label;
    if (score >= policy.likely() && nameScore != null && nameScore >= policy.likelyNeedsName()) {
      label = Label.LIKELY;
    } else if (score >= policy.possible()) {
      label = Label.POSSIBLE;
    } else {
      return Optional.empty();
    }
    return Optional.of(new Match(Math.round(score * 1000) / 1000.0, label, List.copyOf(reasons)));
  }

  /**
   * Whether an ended case is an earlier episode of the child now reported missing: the matcher's own
   * comparison (the new report in the place of the found child), and at least one piece of evidence
   * beyond first name, sex and age: the other names, the relatives or the place last seen agree. Two
   * children who only share a first name, a sex and an age are never proposed, nor two who share all
   * but the first name.
   */
  public Optional<Match> earlierEpisode(Profile now, Profile earlier) {
    // The child's own first name must agree (spelling aside): a brother or sister shares the family
    // name, the place and the relatives.
    if (blank(now.firstName()) || blank(earlier.firstName())
        || nameSimilarity(now.firstName(), earlier.firstName()) < policy.likelyNeedsName()) {
      return Optional.empty();
    }
    Optional<Match> match = compare(now, earlier);
    if (match.isEmpty()) {
      return match;
    }
    List<String> corroboration = new ArrayList<>();
    if (!blank(now.otherNames()) && !blank(earlier.otherNames())
        && nameSimilarity(now.otherNames(), earlier.otherNames()) >= policy.corroborates()) {
      corroboration.add("other names agree");
    }
    Double relatives = relativesScore(now.relatives(), earlier.relatives());
    if (relatives != null && relatives >= policy.corroborates()) {
      corroboration.add("relatives named alike");
    }
    if (!blank(now.place()) && !blank(earlier.place()) && similarity(now.place(), earlier.place()) >= policy.corroborates()) {
      corroboration.add("same place last seen");
    }
    if (corroboration.isEmpty()) {
      return Optional.empty();
    }
    List<String> reasons = new ArrayList<>(match.get().reasons());
    corroboration.stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
    return Optional.of(new Match(match.get().score(), match.get().label(), List.copyOf(reasons)));
  }

  /** The best agreement of the found child's names with the report's, in either order; null if a side has none. */
  private Double nameScore(Profile found, Profile missing) {
    if (blank(found.firstName()) || blank(missing.firstName())) {
      return null;
    }
    double direct = nameSimilarity(found.firstName(), missing.firstName());
    double swapped = blank(missing.otherNames()) ? 0 : nameSimilarity(found.firstName(), missing.otherNames());
    double first = Math.max(direct, swapped);
    if (blank(found.otherNames()) || blank(missing.otherNames())) {
      return first;
    }
    double other = Math.max(nameSimilarity(found.otherNames(), missing.otherNames()),
        nameSimilarity(found.otherNames(), missing.firstName()));
    return 0.7 * first + 0.3 * other;
  }

  /**
   * How well the relatives named on the two records agree: for each name the child or reporter gave,
   * its best counterpart on the other record, averaged; null when either record names none.
   */
  private Double relativesScore(String found, String missing) {
    List<String> a = nameWords(found);
    List<String> b = nameWords(missing);
    if (a.isEmpty() || b.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (String word : a) {
      sum += b.stream().mapToDouble(other -> nameSimilarity(word, other)).max().orElse(0);
    }
    return sum / a.size();
  }

  /** The name-like words of a free-text list ("Mama Wanjiku (mother), Kamau"): three letters or more. */
  private static List<String> nameWords(String text) {
    if (blank(text)) {
      return List.of();
    }
    return java.util.Arrays.stream(normal(text).split("\\s+")).filter(w -> w.length() >= 3)
        .filter(w -> !RELATION_WORDS.contains(w)).toList();
  }

  private static final java.util.Set<String> RELATION_WORDS = java.util.Set.of(
      "mother", "father", "mama", "baba", "aunt", "uncle", "grandmother", "grandfather", "cucu", "shosho",
      "brother", "sister", "guardian", "and");

  /**
   * How well a searched name agrees with a child's names, by the matcher's own comparison (spelling and
   * sound): each word searched against its best counterpart among the child's names, averaged.
   */
  public double searchScore(String searched, String firstName, String otherNames) {
    List<String> words = nameWords(searched);
    List<String> names = new java.util.ArrayList<>(nameWords(firstName == null ? "" : firstName));
    names.addAll(nameWords(otherNames == null ? "" : otherNames));
    if (words.isEmpty() || names.isEmpty()) {
      return 0;
    }
    double total = 0;
    for (String word : words) {
      total += names.stream().mapToDouble(name -> nameSimilarity(word, name)).max().orElse(0);
    }
    return total / words.size();
  }

  private double nameSimilarity(String a, String b) {
    return Math.max(similarity(a, b), soundAlike(a, b) ? 0.9 : 0.0);
  }

  private boolean soundAlike(String a, String b) {
    return !blank(a) && !blank(b) && (metaphone.isDoubleMetaphoneEqual(normal(a), normal(b))
        || metaphone.isDoubleMetaphoneEqual(normal(a), normal(b), true));
  }

  private double similarity(String a, String b) {
    return blank(a) || blank(b) ? 0 : jaroWinkler.apply(normal(a), normal(b));
  }

  private static String normal(String value) {
    return ke.childprotection.cases.NameKeys.normal(value);
  }

  private static boolean known(String sex) {
    return sex != null && !sex.equals("UNKNOWN");
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
