package ke.childprotection.tasklist;

import java.util.Map;
import ke.childprotection.security.CurrentUser;

/**
 * Turns the data a task was created with into what its form starts from now: options that changed
 * since (match candidates withdrawn or protected), and what this user may not see left out. {@code user}
 * is null when the data is checked, not shown (a submitted form's validation).
 */
public interface TaskInputAdjuster {
  Map<String, Object> adjust(UserTask task, Map<String, Object> input, CurrentUser user);
}
