package ke.childprotection.tasklist;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseFacts;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.engine.ProcessModels;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.Conflict;
import ke.childprotection.support.InvalidInput;
import ke.childprotection.support.NotFound;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What a user may do with tasks: list, claim, unclaim, complete, within their role and county. */
@Service
public class TaskService {
  public enum View { MINE, UNASSIGNED }

  private final UserTaskRepository tasks;
  private final FormValidator forms;
  private final ProcessModels models;
  private final TaskEngine engine;
  private final TaskReconciler reconciler;
  private final TaskNews news;
  private final CaseTimeline timeline;
  private final CaseFacts facts;
  private final ObjectMapper json;
  private final FormSubmissions submissions;
  private final AuditLog audit;
  private final List<TaskInputAdjuster> adjusters;
  private final List<CompletionCheck> checks;
  private final ke.childprotection.security.AppUserRepository users;

  TaskService(List<CompletionCheck> checks, ke.childprotection.security.AppUserRepository users, UserTaskRepository tasks, FormValidator forms, ProcessModels models, TaskEngine engine,
      TaskReconciler reconciler, CaseTimeline timeline, CaseFacts facts, ObjectMapper json,
      FormSubmissions submissions, AuditLog audit, List<TaskInputAdjuster> adjusters, TaskNews news) {
    this.news = news;
    this.audit = audit;
    this.adjusters = adjusters;
    this.checks = checks;
    this.users = users;
    this.tasks = tasks;
    this.forms = forms;
    this.models = models;
    this.engine = engine;
    this.reconciler = reconciler;
    this.timeline = timeline;
    this.facts = facts;
    this.json = json;
    this.submissions = submissions;
  }

  @Transactional(readOnly = true)
  public List<UserTask> list(CurrentUser user, View view, String sort) {
    Sort order = Sort.by(Sort.Direction.ASC, "createdAt");
    List<UserTask> found;
    if (user.isSecretariat()) {
      // Nationwide, and only the secretariat's own group's tasks.
      found = view == View.MINE
          ? tasks.findByStateAndAssignee(UserTask.State.OPEN, user.username(), order)
          : tasks.findUnassignedInGroup(user.role().group(), order);
    } else if (user.countyCode() == null) {
      return List.of();
    } else {
      found = view == View.MINE
          ? tasks.findByStateAndCountyCodeAndAssignee(UserTask.State.OPEN, user.countyCode(), user.username(), order)
          : tasks.findUnassigned(user.countyCode(), user.role().group(), order);
    }
    // Due first, tasks without a due date last (JPA derived queries cannot say "nulls last").
    Comparator<UserTask> byDue = Comparator.comparing(UserTask::getDueAt, Comparator.nullsLast(Comparator.naturalOrder()));
    return found.stream().sorted("created".equals(sort) ? Comparator.comparing(UserTask::getCreatedAt) : byDue.thenComparing(UserTask::getCreatedAt)).toList();
  }

  @Transactional(readOnly = true)
  public UserTask get(CurrentUser user, long jobKey) {
    UserTask task = tasks.findById(jobKey).orElseThrow(() -> new NotFound("problem.notFound.task", String.valueOf(jobKey)));
    if (!TaskPermissions.maySee(user, task)) {
      audit.refused(user.username(), task.getCaseId(), "refused: task " + jobKey + " (not for this user)");
      throw new NotFound("problem.notFound.task", String.valueOf(jobKey));
    }
    if (!TaskPermissions.mayWork(user, task)) {
      throw new AccessDeniedException("problem.task.notYours");
    }
    return task;
  }

  @Transactional(readOnly = true)
  public List<UserTask> openTasksOfCase(java.util.UUID caseId) {
    return tasks.findByCaseIdAndState(caseId, UserTask.State.OPEN);
  }

  /** The data the task's form is checked against: as created, with its options as they are now. */
  @Transactional(readOnly = true)
  public Map<String, Object> inputData(UserTask task) {
    return inputData(task, null);
  }

  /** The data the task's form starts from for this user (what the user may not see left out). */
  @Transactional(readOnly = true)
  public Map<String, Object> inputDataFor(CurrentUser user, UserTask task) {
    return inputData(task, user);
  }

  private Map<String, Object> inputData(UserTask task, CurrentUser user) {
    Map<String, Object> input;
    try {
      input = json.readValue(task.getInputData(), new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    for (TaskInputAdjuster adjuster : adjusters) {
      input = adjuster.adjust(task, input, user);
    }
    return input;
  }

  public String formSchema(UserTask task) {
    return task.getFormId() == null ? null : models.formSchema(task.getFormId()).orElse(null);
  }

  @Transactional
  public UserTask claim(CurrentUser user, long jobKey) {
    UserTask task = openTask(user, jobKey);
    if (user.username().equals(task.getAssignee())) {
      return task;
    }
    if (task.getAssignee() != null) {
      throw new Conflict("problem.task.claimedBy", task.getAssignee());
    }
    if (!user.inGroup(task.getCandidateGroups())) {
      throw new ke.childprotection.support.Refused("problem.task.otherGroup", String.join(", ", task.getCandidateGroups()));
    }
    task.claim(user.username());
    news.changed(task);
    return task;
  }

  /**
   * A supervisor gives an open task of their county to someone of the county whose role the task is
   * for (or takes it back to unassigned with null). Audited, and on the case's timeline.
   */
  @Transactional
  public UserTask assign(CurrentUser supervisor, long jobKey, String assignee) {
    if (supervisor.role() != ke.childprotection.security.Role.SUPERVISOR) {
      throw new AccessDeniedException("problem.task.reassignRole");
    }
    UserTask task = tasks.findById(jobKey).orElseThrow(() -> new NotFound("problem.notFound.task", String.valueOf(jobKey)));
    if (!TaskPermissions.mayAssign(supervisor, task)) {
      audit.refused(supervisor.username(), task.getCaseId(), "refused: reassigning task " + jobKey);
      throw new NotFound("problem.notFound.task", String.valueOf(jobKey));
    }
    if (!task.isOpen()) {
      throw new Conflict("problem.task.state." + task.getState().name());
    }
    if (assignee == null || assignee.isBlank()) {
      task.unclaim();
    } else {
      var user = users.findById(assignee).filter(u -> u.isEnabled() && task.getCountyCode().equals(u.getCountyCode())
          && task.getCandidateGroups().contains(u.getRole().group()))
          .orElseThrow(() -> new InvalidInput("problem.task.cannotTake",
              List.of(new InvalidInput.Field("assignee", "problem.field.assignee", String.join(", ", task.getCandidateGroups())))));
      task.claim(user.getUsername());
    }
    String to = task.getAssignee() == null ? "unassigned" : task.getAssignee();
    audit.change(supervisor.username(), task.getCaseId(), "reassigned " + task.getElementId() + " to " + to);
    timeline.record(task.getCaseId(), CaseEvent.Kind.REASSIGNED, task.getElementId(), task.getName(), supervisor.username(),
        "to " + to, null);
    news.changed(task);
    return task;
  }

  @Transactional
  public UserTask unclaim(CurrentUser user, long jobKey) {
    UserTask task = openTask(user, jobKey);
    if (!user.username().equals(task.getAssignee())) {
      throw new Conflict("problem.task.unclaimOwn");
    }
    task.unclaim();
    news.changed(task);
    return task;
  }

  /**
   * Validates the form data against the task's form, records it with the case, and completes the job
   * with it. Everything is written in one transaction that the engine call closes: if the engine
   * refuses, nothing is written.
   */
  @Transactional
  public UserTask complete(CurrentUser user, long jobKey, Map<String, Object> submitted) {
    UserTask task = openTask(user, jobKey);
    if (!user.username().equals(task.getAssignee())) {
      throw new Conflict("problem.task.claimFirst");
    }
    Map<String, Object> data = submitted == null ? Map.of() : submitted;
    String schema = formSchema(task);
    if (schema != null) {
      FormValidator.Result result = forms.validate(schema, inputData(task), data);
      if (!result.valid()) {
        throw new InvalidInput("problem.form.invalid", result.errors());
      }
      data = result.data();
      for (CompletionCheck check : checks) {
        check.check(task, inputData(task), data);
      }
    } else if (!data.isEmpty()) {
      throw new InvalidInput("problem.form.none", List.of());
    }
    task.complete(user.username());
    tasks.saveAndFlush(task);
    submissions.record(task, data, user.username());
    audit.change(user.username(), task.getCaseId(), "completed " + task.getElementId());
    timeline.record(task.getCaseId(), CaseEvent.Kind.STEP_COMPLETED, task.getElementId(), task.getName(),
        user.username(), null, "job:" + jobKey + ":done");
    facts.formCompleted(task.getCaseId(), task.getFormId(), user.username(), data);
    Map<String, Object> variables = new HashMap<>(data);
    variables.put("completedBy", user.username());
    // Every change is written (and a concurrent change of the task or its case found) before the engine
    // is told: once the engine has moved on, this transaction must not fail.
    tasks.flush();
    try {
      engine.complete(jobKey, variables);
    } catch (TaskEngine.JobGone gone) {
      // Nothing of this completion is kept; once rolled back, the task is marked interrupted.
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          reconciler.cancel(jobKey);
        }
      });
      throw new Conflict("problem.task.interrupted");
    }
    news.changed(task);
    return task;
  }

  private UserTask openTask(CurrentUser user, long jobKey) {
    UserTask task = get(user, jobKey);
    if (!task.isOpen()) {
      throw new Conflict("problem.task.state." + task.getState().name());
    }
    return task;
  }
}
