package ke.childprotection.matching;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface MatchCandidateRepository extends JpaRepository<MatchCandidate, Long> {
  Optional<MatchCandidate> findByFoundCaseIdAndMissingCaseId(UUID foundCaseId, UUID missingCaseId);

  List<MatchCandidate> findByFoundCaseIdAndStatusOrderByScoreDesc(UUID foundCaseId, MatchCandidate.Status status);
}
