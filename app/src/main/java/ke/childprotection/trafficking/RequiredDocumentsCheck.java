package ke.childprotection.trafficking;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ke.childprotection.documents.DocumentPolicy;
import ke.childprotection.tasklist.CompletionCheck;
import ke.childprotection.tasklist.UserTask;
import ke.childprotection.support.InvalidInput;
import ke.childprotection.documents.CaseDocuments;
import org.springframework.stereotype.Component;

/**
 * A task whose data names {@code requiredDocuments} (the Trust Fund application: decided by
 * processes/trust-fund.dmn) cannot be completed until the case has a document of every kind named.
 */
@Component
class RequiredDocumentsCheck implements CompletionCheck {
  private final CaseDocuments stored;
  private final DocumentPolicy documents;

  RequiredDocumentsCheck(CaseDocuments stored, DocumentPolicy documents) {
    this.stored = stored;
    this.documents = documents;
  }

  @Override
  public void check(UserTask task, Map<String, Object> inputData, Map<String, Object> formData) {
    if (!(inputData.get("requiredDocuments") instanceof List<?> required) || required.isEmpty()) {
      return;
    }
    Set<String> uploaded = stored.kindsOf(task.getCaseId());
    List<String> missing = required.stream().map(String::valueOf).filter(k -> !uploaded.contains(k)).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInput("problem.documentsMissing",
          List.of(new InvalidInput.Field("requiredDocuments", "problem.field.missing",
              missing.stream().map(documents::label).collect(Collectors.joining(", ")))));
    }
  }
}
