package ke.childprotection.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.tasklist.TaskInputAdjuster;
import ke.childprotection.tasklist.UserTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A protected child's task, opened by someone who may not know who the child is: the data its form
 * starts from leaves out the free text and places earlier steps recorded (names of variables matching
 * {@code mcc.privacy.identifying-variables}), as the timeline withholds their details.
 */
@Component
class ProtectedIdentityRedaction implements TaskInputAdjuster {
  private final ChildCaseRepository cases;
  private final CaseAccess access;
  private final Pattern identifying;

  ProtectedIdentityRedaction(ChildCaseRepository cases, CaseAccess access,
      @Value("${mcc.privacy.identifying-variables}") String identifying) {
    this.cases = cases;
    this.access = access;
    this.identifying = Pattern.compile(identifying);
  }

  @Override
  public Map<String, Object> adjust(UserTask task, Map<String, Object> input, CurrentUser user) {
    if (user == null) {
      return input;
    }
    ChildCase c = cases.findById(task.getCaseId()).orElse(null);
    if (c == null || access.seesIdentity(user, c)) {
      return input;
    }
    Map<String, Object> shown = new LinkedHashMap<>();
    input.forEach((key, value) -> {
      if (!identifying.matcher(key).matches()) {
        shown.put(key, value);
      }
    });
    return shown;
  }
}
