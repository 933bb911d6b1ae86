package ke.childprotection.matching;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CaseView;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finding a case among those the user may list: by the child's name, tolerant of spelling (the
 * matcher's own comparison; a protected child is found by its pseudonym only, by those who may not know
 * who it is), or by case number, and by status, risk, sub-county and the dates it was reported; a page
 * at a time, best name agreement first. Only the page shown is recorded as listed.
 */
@Service
public class CaseFinder {
  public record Criteria(String query, String status, String risk, String subCounty, LocalDate from, LocalDate to) {}

  public record Found(UUID id, String caseNumber, String caseType, String status, String countyCode, String subCounty,
      String childName, String childSex, Integer childAge, String riskLevel, OffsetDateTime reportedAt, String caseworker,
      Double nameScore) {}

  public record Page(long total, int page, int size, List<Found> cases) {}

  private final CaseAccess access;
  private final ChildMatcher matcher;
  private final double threshold;
  private final ZoneId zone;

  CaseFinder(CaseAccess access, ChildMatcher matcher, @Value("${mcc.search.name-threshold}") double threshold,
      @Value("${mcc.display-time-zone:Africa/Nairobi}") String zone) {
    this.access = access;
    this.matcher = matcher;
    this.threshold = threshold;
    this.zone = ZoneId.of(zone);
  }

  @Transactional(readOnly = true)
  public Page find(CurrentUser user, Criteria criteria, int page, int size) {
    String query = criteria.query() == null ? "" : criteria.query().strip();
    boolean byNumber = query.toUpperCase(Locale.ROOT).matches("(MC|FC)-.*|\\d{1,6}");
    List<Found> matching = access.casesOf(user).stream()
        .filter(c -> criteria.status() == null || c.getStatus().name().equalsIgnoreCase(criteria.status()))
        .filter(c -> criteria.risk() == null || criteria.risk().equalsIgnoreCase(c.getRiskLevel()))
        .filter(c -> criteria.subCounty() == null || criteria.subCounty().equalsIgnoreCase(c.getSubCounty()))
        .filter(c -> criteria.from() == null || !c.getReportedAt().atZoneSameInstant(zone).toLocalDate().isBefore(criteria.from()))
        .filter(c -> criteria.to() == null || !c.getReportedAt().atZoneSameInstant(zone).toLocalDate().isAfter(criteria.to()))
        .map(c -> found(user, c, query, byNumber))
        .filter(f -> query.isEmpty() || (f.nameScore() != null && (byNumber || f.nameScore() >= threshold)))
        .sorted(Comparator.comparing((Found f) -> f.nameScore() == null ? 0 : -f.nameScore())
            .thenComparing(Found::reportedAt, Comparator.reverseOrder()))
        .toList();
    int from = Math.min(page * size, matching.size());
    List<Found> shown = matching.subList(from, Math.min(from + size, matching.size()));
    access.listed(user, shown.stream().map(Found::id).toList(), "case search");
    return new Page(matching.size(), page, size, shown);
  }

  private Found found(CurrentUser user, ChildCase c, String query, boolean byNumber) {
    boolean identity = access.seesIdentity(user, c);
    Double score = null;
    if (!query.isEmpty()) {
      if (byNumber) {
        score = c.getCaseNumber().toUpperCase(Locale.ROOT).endsWith(query.toUpperCase(Locale.ROOT)) ? 1.0 : null;
      } else {
        score = identity ? matcher.searchScore(query, c.getChildFirstName(), c.getChildLastName())
            : matcher.searchScore(query, c.getPseudonym(), null);
      }
    }
    return new Found(c.getId(), c.getCaseNumber(), c.getCaseType().name(), c.getStatus().name(), c.getCountyCode(),
        c.getSubCounty(), CaseView.childName(c, identity), c.getChildSex(), c.getChildAge(), c.getRiskLevel(), c.getReportedAt(),
        c.getCaseworker(), score);
  }
}
