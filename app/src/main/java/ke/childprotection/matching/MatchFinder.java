package ke.childprotection.matching;

import ke.childprotection.engine.EngineOutbox;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Matches found children and missing reports whenever either is registered: only open records whose
 * consent allows tracing take part. New candidates are stored once per pair and offered to the found
 * child's caseworker by a {@code match-proposed} message to the found child's case (sent after the
 * transaction commits, with a message id so that a repeat is taken once).
 */
@Service
public class MatchFinder {
  static final String NONE = "NONE";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy");

  private final ChildCaseRepository cases;
  private final MatchCandidateRepository candidates;
  private final ChildMatcher matcher;
  private final CaseTimeline timeline;
  private final EngineOutbox outbox;
  private final Duration timeToLive;
  private final ke.childprotection.notification.Notifications notifications;
  private final MatchingPolicy policy;
  private final org.springframework.jdbc.core.simple.JdbcClient db;

  MatchFinder(ChildCaseRepository cases, MatchCandidateRepository candidates, ChildMatcher matcher,
      CaseTimeline timeline, EngineOutbox outbox, ke.childprotection.notification.Notifications notifications,
      MatchingPolicy policy, org.springframework.jdbc.core.simple.JdbcClient db,
      @Value("${mcc.messages.time-to-live}") Duration timeToLive) {
    this.policy = policy;
    this.db = db;
    this.notifications = notifications;
    this.cases = cases;
    this.candidates = candidates;
    this.matcher = matcher;
    this.timeline = timeline;
    this.outbox = outbox;
    this.timeToLive = timeToLive;
  }

  /** A record no longer allows tracing: its open proposals are withdrawn (never confirmed); returns how many. */
  @Transactional
  public int withdrawFor(UUID caseId) {
    List<MatchCandidate> proposed = candidates.findProposedInvolving(caseId);
    proposed.forEach(c -> c.decide(MatchCandidate.Status.WITHDRAWN, "system"));
    return proposed.size();
  }

  /**
   * Finds and stores the candidates for a record that was registered or corrected; returns how many new
   * ones there are. A pair already proposed or decided is not proposed again.
   */
  @Transactional
  public int findFor(UUID caseId) {
    ChildCase record = cases.findById(caseId).orElseThrow();
    if (!record.isConsentTracing() || record.getStatus() != ChildCase.Status.OPEN || record.getLinkedCaseId() != null) {
      return 0;
    }
    boolean found = record.getCaseType() == ChildCase.Type.FOUND;
    ChildMatcher.Profile own = profile(record);
    int added = 0;
    Map<UUID, String> proposedTo = new java.util.LinkedHashMap<>();
    for (Other next : candidatesFor(record, found)) {
      Optional<ChildMatcher.Match> match = found ? matcher.compare(own, next.profile()) : matcher.compare(next.profile(), own);
      if (match.isEmpty()) {
        continue;
      }
      ChildCase other = cases.findById(next.id()).orElseThrow();
      ChildCase foundCase = found ? record : other;
      ChildCase missingCase = found ? other : record;
      if (candidates.findByFoundCaseIdAndMissingCaseId(foundCase.getId(), missingCase.getId()).isEmpty()) {
        MatchCandidate candidate = candidates.save(new MatchCandidate(foundCase.getId(), missingCase.getId(), match.get()));
        added++;
        if (missingCase.getPseudonym() != null) {
          // a protected child: the proposal goes to the secretariat, nothing of it to the found child's county
          notifications.notify(missingCase.getId(), missingCase.getCountyCode(), "ctip-secretariat", "PROTECTED_CHILD_POSSIBLE_MATCH",
              "Possible match for protected child " + missingCase.getPseudonym() + " (" + missingCase.getCaseNumber()
                  + "): found child " + foundCase.getCaseNumber() + ", " + candidate.getLabel() + ". Verify with the county.",
              "protected-match:" + candidate.getId());
        } else {
          proposedTo.put(foundCase.getId(), foundCase.getCaseNumber());
        }
      }
    }
    proposedTo.forEach(this::propose);
    if (added > 0) {
      timeline.record(record.getId(), CaseEvent.Kind.MATCH_PROPOSED, null, "Possible matches found", "system",
          added + " candidate(s) for a caseworker to verify", null);
    }
    return added;
  }

  /** An open record of the other kind, as the matcher compares it. */
  record Other(UUID id, ChildMatcher.Profile profile) {}

  /** The columns of a child_case row the matcher compares, in {@link #profile(java.sql.ResultSet, int)}'s order. */
  static final String PROFILE_COLUMNS =
      "child_first_name, child_last_name, child_sex, child_age, county_code, last_seen_place, last_seen_at, relatives";

  /**
   * A child_case row's age within {@code gap} years of another child's (any age when that one is not
   * known, and rows without an age always): bound by {@link #ageWithin(org.springframework.jdbc.core.simple.JdbcClient.StatementSpec, Integer, int)}.
   */
  public static final String AGE_WITHIN =
      "(:anyAge = true or child_age is null or (child_age >= :ageFrom and child_age <= :ageTo))";

  /** Binds {@link #AGE_WITHIN} (no null parameters: PostgreSQL cannot type them). */
  public static org.springframework.jdbc.core.simple.JdbcClient.StatementSpec ageWithin(org.springframework.jdbc.core.simple.JdbcClient.StatementSpec statement, Integer age, int gap) {
    return statement.param("anyAge", age == null).param("ageFrom", age == null ? 0 : age - gap)
        .param("ageTo", age == null ? 0 : age + gap);
  }

  /** What the matcher compares, read from {@link #PROFILE_COLUMNS} starting at the given column. */
  static ChildMatcher.Profile profile(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
    return new ChildMatcher.Profile(rs.getString(first), rs.getString(first + 1), rs.getString(first + 2),
        (Integer) rs.getObject(first + 3), rs.getString(first + 4), rs.getString(first + 5),
        rs.getObject(first + 6, OffsetDateTime.class), rs.getString(first + 7));
  }

  /**
   * The open records of the other kind the matcher could accept, found by the indexes (V26, V33): the
   * rules that make {@link ChildMatcher#compare} refuse at once (another sex, an age gap over the
   * policy's, a child found more than a day before going missing) and a name key in common
   * ({@link ke.childprotection.cases.NameKeys}: names that neither sound alike nor start alike are not
   * compared), asked of the database instead of every record in Java; only what the matcher compares is read.
   */
  List<Other> candidatesFor(ChildCase record, boolean found) {
    String sex = record.getChildSex();
    boolean anySex = sex == null || "UNKNOWN".equals(sex);
    Integer age = record.getChildAge();
    OffsetDateTime when = record.getLastSeenAt();
    // a found child is compared with reports of children last seen up to a day after; a report with
    // children found from a day before the child was last seen (no null parameters: PostgreSQL cannot type them)
    OffsetDateTime seenFrom = !found && when != null ? when.minusDays(1) : EARLIEST;
    OffsetDateTime seenUpTo = found && when != null ? when.plusDays(1) : LATEST;
    // names compared only with names that share a key (sound or first letters); a record without a first name with every one
    java.util.Set<String> keys = ke.childprotection.cases.NameKeys.of(record.getChildFirstName(), record.getChildLastName());
    boolean anyName = record.getChildFirstName() == null || record.getChildFirstName().isBlank() || keys.isEmpty();
    var statement = db.sql("select id, " + PROFILE_COLUMNS
        + " from child_case where case_type = :type and status = 'OPEN' and consent_tracing = true and linked_case_id is null"
        + " and (:anySex = true or child_sex = :sex or child_sex = 'UNKNOWN') and " + AGE_WITHIN
        + " and last_seen_at >= :seenFrom and last_seen_at <= :seenUpTo"
        + " and (:anyName = true or child_first_name is null or trim(child_first_name) = ''"
        + " or id in (select case_id from child_name_key where name_key in (:keys)))");
    return ageWithin(statement, age, policy.maxAgeGap()).param("anyName", anyName)
        .param("keys", anyName ? List.of("") : List.copyOf(keys))
        .param("type", (found ? ChildCase.Type.MISSING : ChildCase.Type.FOUND).name()).param("anySex", anySex)
        .param("sex", anySex ? "" : sex).param("seenFrom", seenFrom).param("seenUpTo", seenUpTo)
        .query((rs, n) -> new Other(rs.getObject(1, UUID.class), profile(rs, 2)))
        .list();
  }

  private static final OffsetDateTime EARLIEST = OffsetDateTime.parse("1900-01-01T00:00:00Z");
  private static final OffsetDateTime LATEST = OffsetDateTime.parse("2999-12-31T00:00:00Z");

  /** A proposed candidate beside the found child: the missing report the caseworker compares. */
  public record Candidate(MatchCandidate candidate, ChildCase missing) {}

  /** The candidates of a found child now proposed, best first; a protected child is never among them. */
  @Transactional(readOnly = true)
  public List<Candidate> proposed(UUID foundCaseId) {
    return candidates.findByFoundCaseIdAndStatusOrderByScoreDesc(foundCaseId, MatchCandidate.Status.PROPOSED).stream()
        .map(c -> new Candidate(c, cases.findById(c.getMissingCaseId()).orElseThrow()))
        .filter(c -> c.missing().getPseudonym() == null).toList();
  }

  /** The case numbers of the other records a likely match of this case waits for verification with. */
  @Transactional(readOnly = true)
  public List<String> likelyWaiting(UUID caseId) {
    return candidates.findProposedInvolving(caseId).stream().filter(c -> c.getLabel() == ChildMatcher.Label.LIKELY)
        .map(c -> cases.findById(c.getFoundCaseId().equals(caseId) ? c.getMissingCaseId() : c.getFoundCaseId()).orElseThrow())
        .filter(other -> other.getPseudonym() == null).map(ChildCase::getCaseNumber).sorted().toList();
  }

  /** The choices the verify-match form offers: the proposed candidates, best first, and "none of these". */
  @Transactional(readOnly = true)
  public List<Map<String, Object>> options(UUID foundCaseId) {
    List<Map<String, Object>> options = new ArrayList<>();
    // a protected child is never offered to the county: the secretariat verifies (see findFor)
    for (Candidate proposal : proposed(foundCaseId)) {
      MatchCandidate candidate = proposal.candidate();
      ChildCase missing = proposal.missing();
      String label = "%s (%s) · %s · %s, %s, %s · last seen %s on %s · %s".formatted(candidate.getLabel(),
          candidate.getScore().toPlainString(), missing.getCaseNumber(), shortName(missing), missing.getChildSex().toLowerCase(),
          missing.getChildAge() == null ? "age unknown" : "age " + missing.getChildAge(), missing.getLastSeenPlace(),
          DAY.format(missing.getLastSeenAt()), candidate.getReasons());
      options.add(option(label, candidate.getId().toString()));
    }
    options.add(option("None of these is the child", NONE));
    return options;
  }

  /** The found child's process offers the candidates now proposed (with the new ones) for verification. */
  private void propose(UUID foundId, String caseNumber) {
    List<Map<String, Object>> options = options(foundId);
    String messageId = "match-proposed:" + foundId + ":" + options.stream().map(o -> o.get("value").toString()).toList();
    outbox.publishMessage(foundId, "match-proposed", caseNumber, messageId, timeToLive, Map.of("matchOptions", options));
  }

  static ChildMatcher.Profile profile(ChildCase c) {
    return new ChildMatcher.Profile(c.getChildFirstName(), c.getChildLastName(), c.getChildSex(), c.getChildAge(),
        c.getCountyCode(), c.getLastSeenPlace(), c.getLastSeenAt(), c.getRelatives());
  }

  private static String shortName(ChildCase c) {
    if (c.getPseudonym() != null) {
      return c.getPseudonym();
    }
    if (c.getChildFirstName() == null) {
      return "name unknown";
    }
    return c.getChildLastName() == null ? c.getChildFirstName() : c.getChildFirstName() + " " + c.getChildLastName().charAt(0) + ".";
  }

  private static Map<String, Object> option(String label, String value) {
    Map<String, Object> option = new LinkedHashMap<>();
    option.put("label", label);
    option.put("value", value);
    return option;
  }
}
