package ke.childprotection.tasklist;

import java.util.List;
import java.util.UUID;
import ke.childprotection.cases.CasePageSection;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.OpenSteps;
import ke.childprotection.security.CurrentUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;

/** What the tasklist knows of a case: the steps open on it now, and the forms submitted on it (its records). */
@Component
class TasklistOnCasePage implements OpenSteps, CasePageSection {
  private final TaskService tasks;
  private final FormSubmissions submissions;
  private final FormRecords records;

  TasklistOnCasePage(TaskService tasks, FormSubmissions submissions, FormRecords records) {
    this.tasks = tasks;
    this.submissions = submissions;
    this.records = records;
  }

  @Override
  @Transactional(readOnly = true)
  public List<Step> of(UUID caseId) {
    return tasks.openTasksOfCase(caseId).stream()
        .map(t -> new Step(t.getJobKey(), t.getName(), t.getElementId(), t.getAssignee(), t.getDueAt())).toList();
  }

  /**
   * Records may name the child and the family: shown to those who see the child's identity; the
   * secretariat's own records (ctip-* forms) to the secretariat only.
   */
  @Override
  public void addTo(Model model, CurrentUser user, ChildCase childCase, boolean seesIdentity) {
    model.addAttribute("records", !seesIdentity ? List.of() : submissions.of(childCase.getId()).stream()
        .filter(r -> user.isSecretariat() || !r.getFormId().startsWith("ctip-")).map(records::of).toList());
  }
}
