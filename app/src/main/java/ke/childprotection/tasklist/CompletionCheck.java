package ke.childprotection.tasklist;

import java.util.Map;

/**
 * A rule a task's completion must meet beyond its form's own validation (e.g. documents that must be
 * uploaded first). Throws {@link ke.childprotection.support.InvalidInput} when it is not met; nothing is
 * then written and the task stays open.
 */
public interface CompletionCheck {
  void check(UserTask task, Map<String, Object> inputData, Map<String, Object> formData);
}
