package ke.childprotection.tasklist;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

@Component
public class FormSubmissions {

  private final FormSubmissionRepository repository;
  private final ObjectMapper json;

  FormSubmissions(FormSubmissionRepository repository, ObjectMapper json) {
    this.repository = repository;
    this.json = json;
  }

  void record(UserTask task, Map<String, Object> data, String user) {
    if (task.getFormId() == null) {
      return;
    }
    try {
      repository.save(new FormSubmission(task.getJobKey(), task.getCaseId(), task.getFormId(),
          json.writeValueAsString(data), user));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<FormSubmission> of(UUID caseId) {
    return repository.findByCaseIdOrderBySubmittedAtAsc(caseId);
  }
}
