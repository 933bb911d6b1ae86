package ke.childprotection.matching;

import java.util.HashMap;
import java.util.Map;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.tasklist.TaskInputAdjuster;
import ke.childprotection.tasklist.UserTask;
import org.springframework.stereotype.Component;

/**
 * A verify-match form offers the candidates as they are now, not as they were when the task was made:
 * a candidate withdrawn, decided or since protected by the secretariat is no longer offered (nor
 * accepted when submitted).
 */
@Component
class CurrentMatchOptions implements TaskInputAdjuster {
  private final MatchFinder matches;

  CurrentMatchOptions(MatchFinder matches) {
    this.matches = matches;
  }

  @Override
  public Map<String, Object> adjust(UserTask task, Map<String, Object> input, CurrentUser user) {
    if (!input.containsKey("matchOptions")) {
      return input;
    }
    Map<String, Object> now = new HashMap<>(input);
    now.put("matchOptions", matches.options(task.getCaseId()));
    return now;
  }
}
