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
  private final org.springframework.jdbc.core.simple.JdbcClient db;

  EarlierEpisodes(ChildCaseRepository cases, ChildMatcher matcher, org.springframework.jdbc.core.simple.JdbcClient db,
      @Value("${mcc.intake.earlier-episode-age-gap}") int ageGap) {
    this.cases = cases;
    this.matcher = matcher;
    this.db = db;
    this.ageGap = ageGap;
  }

  private record Ended(java.util.UUID id, java.time.OffsetDateTime reportedAt, ChildMatcher.Profile profile) {}

  private record Scored(Ended earlier, ChildMatcher.Match match) {}

  /**
   * Ended missing reports of the county (the child was located, or the case closed) of a child of this
   * sex and about this age are weighed, reading only what the matcher compares; the one proposed is loaded.
   */
  public Optional<Proposal> propose(ChildCase report) {
    if (report.getChildSex() == null) {
      return Optional.empty();
    }
    ChildMatcher.Profile now = MatchFinder.profile(report);
    Integer age = report.getChildAge();
    var ended = db.sql("select id, reported_at, " + MatchFinder.PROFILE_COLUMNS
        + " from child_case where case_type = 'MISSING' and county_code = :county and status in ('LOCATED', 'CLOSED')"
        + " and id <> :exclude and child_sex = :sex and " + MatchFinder.AGE_WITHIN);
    return MatchFinder.ageWithin(ended, age, ageGap)
        .param("county", report.getCountyCode()).param("exclude", report.getId()).param("sex", report.getChildSex())
        .query((rs, n) -> new Ended(rs.getObject(1, java.util.UUID.class), rs.getObject(2, java.time.OffsetDateTime.class),
            MatchFinder.profile(rs, 3)))
        .list().stream()
        .flatMap(earlier -> matcher.earlierEpisode(now, earlier.profile()).map(m -> new Scored(earlier, m)).stream())
        .max(Comparator.comparingDouble((Scored s) -> s.match().score()).thenComparing(s -> s.earlier().reportedAt()))
        .flatMap(best -> cases.findById(best.earlier().id()).map(earlier -> new Proposal(earlier, best.match())));
  }
}
