package ke.childprotection.matching;

import java.util.Comparator;
import java.util.Optional;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Proposes the ended case that is most likely an earlier episode of a new missing report, by the
 * matcher's evidence (names, relatives, age, place), for the caseworker to confirm in the risk
 * assessment. Nothing is linked here: never on first name, sex and age alone, never without a person.
 */
@Component
public class EarlierEpisodes {
  /** The earlier case, how alike the matcher finds them, and why. */
  public record Proposal(ChildCase earlier, ChildMatcher.Match match) {
    /** What the caseworker is shown: the earlier case, the label and the evidence. */
    public String evidence() {
      return match.label().name().toLowerCase() + " (" + String.join(", ", match.reasons()) + ")";
    }
  }

  private final ChildCaseRepository cases;
  private final ChildMatcher matcher;
  private final int ageGap;

  EarlierEpisodes(ChildCaseRepository cases, ChildMatcher matcher, @Value("${mcc.intake.earlier-episode-age-gap}") int ageGap) {
    this.cases = cases;
    this.matcher = matcher;
    this.ageGap = ageGap;
  }

  public Optional<Proposal> propose(ChildCase report) {
    if (report.getChildSex() == null) {
      return Optional.empty();
    }
    ChildMatcher.Profile now = MatchFinder.profile(report);
    return cases.findEndedEpisodes(report.getCountyCode(), report.getId(), report.getChildSex(), report.getChildAge(), ageGap)
        .stream()
        .flatMap(earlier -> matcher.earlierEpisode(now, MatchFinder.profile(earlier)).map(m -> new Proposal(earlier, m)).stream())
        .max(Comparator.comparingDouble((Proposal p) -> p.match().score())
            .thenComparing(p -> p.earlier().getReportedAt()));
  }
}
