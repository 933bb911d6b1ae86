package ke.childprotection.matching;

import io.camunda.client.CamundaClient;
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
import ke.childprotection.engine.AfterCommit;
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
  private final CamundaClient client;
  private final Duration timeToLive;

  MatchDecision(MatchCandidateRepository candidates, ChildCaseRepository cases, CaseTimeline timeline,
      CamundaClient client, @Value("${mcc.messages.time-to-live}") Duration timeToLive) {
    this.candidates = candidates;
    this.cases = cases;
    this.timeline = timeline;
    this.client = client;
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
      AfterCommit.run(() -> {
        client.newPublishMessageCommand().messageName("child-located").correlationKey(caseNumber)
            .messageId("match:" + candidate.getId()).timeToLive(timeToLive)
            .variables(Map.of("locatedSummary", summary)).send().join();
        // The found child's own case leaves family tracing if it is under way.
        client.newPublishMessageCommand().messageName("match-confirmed").correlationKey(foundNumber)
            .messageId("match-confirmed:" + candidate.getId()).timeToLive(timeToLive)
            .variables(Map.of("matchedMissingCase", caseNumber)).send().join();
      });
    }
    return missing.getCaseNumber();
  }
}
