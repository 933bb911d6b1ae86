package ke.childprotection.tasklist;

import java.util.Set;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.security.Role;

/**
 * The one place that decides what a user may do with a task: see it (its county's staff of a group it
 * is for, or the secretariat's own tasks nationwide), work on it (claim, unclaim, complete: its
 * assignee or a member of a group it is for) and give it to someone (the county's supervisor, for the
 * county's own tasks only: never the secretariat's, whose case the supervisor may not read).
 */
public final class TaskPermissions {
  /** The groups of county staff; a task for any other group (the secretariat) is not the county's to hand out. */
  private static final Set<String> COUNTY_GROUPS = Set.of(Role.CASEWORKER.group(), Role.SUPERVISOR.group(),
      Role.GATEKEEPING_PANEL.group());

  private TaskPermissions() {}

  /** Whether the task exists for this user at all (else: not found). */
  public static boolean maySee(CurrentUser user, UserTask task) {
    if (user.isSecretariat()) {
      return task.getCandidateGroups().contains(user.role().group()) || user.username().equals(task.getAssignee());
    }
    return user.worksIn(task.getCountyCode()) && (isCountyTask(task) || user.username().equals(task.getAssignee()));
  }

  /** Whether the user may open its form, claim, unclaim or complete it. */
  public static boolean mayWork(CurrentUser user, UserTask task) {
    return maySee(user, task) && (user.username().equals(task.getAssignee()) || user.inGroup(task.getCandidateGroups()));
  }

  /** Whether the user may give the task to someone or take it back to unassigned. */
  public static boolean mayAssign(CurrentUser user, UserTask task) {
    return user.role() == Role.SUPERVISOR && user.worksIn(task.getCountyCode()) && isCountyTask(task);
  }

  static boolean isCountyTask(UserTask task) {
    return !task.getCandidateGroups().isEmpty() && COUNTY_GROUPS.containsAll(task.getCandidateGroups());
  }
}
