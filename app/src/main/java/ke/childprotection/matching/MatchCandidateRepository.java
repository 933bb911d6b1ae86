package ke.childprotection.matching;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface MatchCandidateRepository extends JpaRepository<MatchCandidate, Long> {
  Optional<MatchCandidate> findByFoundCaseIdAndMissingCaseId(UUID foundCaseId, UUID missingCaseId);

  @Query("""
      select m from MatchCandidate m where m.status = ke.childprotection.matching.MatchCandidate.Status.PROPOSED
        and (m.foundCaseId = :caseId or m.missingCaseId = :caseId)
      """)
  List<MatchCandidate> findProposedInvolving(UUID caseId);

  List<MatchCandidate> findByFoundCaseIdAndStatusOrderByScoreDesc(UUID foundCaseId, MatchCandidate.Status status);
}
