package ke.childprotection.matching;

import ke.childprotection.engine.EngineOutbox;
import java.time.Duration;
import java.time.OffsetDateTime;
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
 * Records a caseworker's decision on the offered candidates. A confirmed match links both records
 * both ways, marks the missing child located, and sends {@code child-located} to the missing-child
 * case and {@code match-confirmed} to the found child's case (after commit, with message ids: a repeat
 * is taken once); the other candidates offered are rejected.
 */
@Service
public class MatchDecision {
  private final MatchCandidateRepository candidates;
  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;
  private final EngineOutbox outbox;
  private final Duration timeToLive;

  MatchDecision(MatchCandidateRepository candidates, ChildCaseRepository cases, CaseTimeline timeline,
      EngineOutbox outbox, @Value("${mcc.messages.time-to-live}") Duration timeToLive) {
    this.candidates = candidates;
    this.cases = cases;
    this.timeline = timeline;
    this.outbox = outbox;
    this.timeToLive = timeToLive;
  }

  /** Returns the confirmed missing case's number, if one was confirmed. */
  @Transactional
  public Optional<String> decide(UUID foundCaseId, String decision, List<String> offered, String decidedBy) {
    Optional<MatchCandidate> confirmed = Optional.empty();
    for (String value : offered) {
      if (MatchFinder.NONE.equals(value)) {
        continue;
      }
      MatchCandidate candidate = candidates.findById(Long.valueOf(value)).filter(c -> c.getFoundCaseId().equals(foundCaseId))
          .orElseThrow(() -> new IllegalStateException("candidate " + value + " is not of this found child"));
      if (candidate.getStatus() != MatchCandidate.Status.PROPOSED) {
        if (candidate.getStatus() == MatchCandidate.Status.CONFIRMED) {
          confirmed = Optional.of(candidate);
        }
        continue;
      }
      boolean chosen = value.equals(decision);
      candidate.decide(chosen ? MatchCandidate.Status.CONFIRMED : MatchCandidate.Status.REJECTED, decidedBy);
      if (chosen) {
        confirmed = Optional.of(candidate);
      }
    }
    return confirmed.map(this::link);
  }

  private String link(MatchCandidate candidate) {
    ChildCase found = cases.findById(candidate.getFoundCaseId()).orElseThrow();
    ChildCase missing = cases.findById(candidate.getMissingCaseId()).orElseThrow();
    if (missing.getLinkedCaseId() == null) {
      found.linkTo(missing.getId());
      missing.linkTo(found.getId());
      missing.located(OffsetDateTime.now());
      timeline.record(found.getId(), CaseEvent.Kind.MATCH_CONFIRMED, null, "Matched to a missing report", candidate.getDecidedBy(),
          missing.getCaseNumber(), "match:" + candidate.getId() + ":found");
      timeline.record(missing.getId(), CaseEvent.Kind.MATCH_CONFIRMED, null, "Matched to a found child", candidate.getDecidedBy(),
          found.getCaseNumber(), "match:" + candidate.getId() + ":missing");
      String summary = "matched to found child record " + found.getCaseNumber() + ", found at " + found.getLastSeenPlace();
      String caseNumber = missing.getCaseNumber();
      String foundNumber = found.getCaseNumber();
      outbox.publishMessage(missing.getId(), "child-located", caseNumber, "match:" + candidate.getId(), timeToLive,
          Map.of("locatedSummary", summary));
      // The found child's own case leaves family tracing if it is under way.
      outbox.publishMessage(found.getId(), "match-confirmed", foundNumber, "match-confirmed:" + candidate.getId(),
          timeToLive, Map.of("matchedMissingCase", caseNumber));
    }
    return missing.getCaseNumber();
  }
}
