package ke.childprotection.tasklist;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface FormSubmissionRepository extends JpaRepository<FormSubmission, Long> {
  List<FormSubmission> findByCaseIdOrderBySubmittedAtAsc(UUID caseId);
}
