package ke.childprotection.cases;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CaseEventRepository extends JpaRepository<CaseEvent, Long> {
  List<CaseEvent> findByCaseIdOrderByOccurredAtAscIdAsc(UUID caseId);
}
