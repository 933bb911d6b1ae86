package ke.childprotection.tasklist;

import ke.childprotection.cases.ChildCase;
import ke.childprotection.security.CurrentUser;
import org.springframework.ui.Model;

/**
 * A part of a task's page that another module keeps (the children side by side for a match, the
 * documents a step needs): it adds the model attributes {@code task.html} names for it, or nothing when
 * the task is not its kind. Called after the user's read of the case was checked and audited.
 */
public interface TaskPageSection {
  void addTo(Model model, CurrentUser user, UserTask task, ChildCase childCase);
}
