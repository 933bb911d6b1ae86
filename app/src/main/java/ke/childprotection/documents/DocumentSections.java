package ke.childprotection.documents;

import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import ke.childprotection.cases.CasePageSection;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.tasklist.TaskPageSection;
import ke.childprotection.tasklist.TaskService;
import ke.childprotection.tasklist.UserTask;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** A case's photos and documents on its page, and on a task's page the documents its step needs (and which the case has). */
@Component
class DocumentSections implements CasePageSection, TaskPageSection {
  /** A document a task needs, and whether the case has it yet. */
  public record RequiredDocument(String kind, String label, boolean uploaded) {}

  private final CaseDocuments documents;
  private final DocumentPolicy policy;
  private final TaskService tasks;
  private final CaseAccess access;

  DocumentSections(CaseDocuments documents, DocumentPolicy policy, TaskService tasks, CaseAccess access) {
    this.documents = documents;
    this.policy = policy;
    this.tasks = tasks;
    this.access = access;
  }

  @Override
  public void addTo(Model model, CurrentUser user, ChildCase childCase, boolean seesIdentity) {
    model.addAttribute("documents", documents.of(user, childCase));
    model.addAttribute("photo", documents.photo(user, childCase).orElse(null));
    model.addAttribute("documentKinds", new TreeMap<>(policy.kinds()));
  }

  /** The step's {@code requiredDocuments} input (a list of kinds), to those who see the child's identity. */
  @Override
  public void addTo(Model model, CurrentUser user, UserTask task, ChildCase childCase) {
    if (tasks.inputData(task).get("requiredDocuments") instanceof List<?> kinds && access.seesIdentity(user, childCase)) {
      Set<String> uploaded = documents.kindsOf(childCase.getId());
      model.addAttribute("requiredDocuments", kinds.stream().map(String::valueOf)
          .map(k -> new RequiredDocument(k, policy.label(k), uploaded.contains(k))).toList());
    }
  }
}
