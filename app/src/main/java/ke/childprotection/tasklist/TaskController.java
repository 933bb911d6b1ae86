package ke.childprotection.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "The tasklist: human steps of cases, by role and county")
class TaskController {

  record TaskView(long id, UUID caseId, String name, String elementId, String formId, String assignee,
      List<String> candidateGroups, OffsetDateTime due, boolean overdue, OffsetDateTime created, String state) {
    /** The task with its name in the request's language. */
    static TaskView of(UserTask t, ke.childprotection.web.PlainWords words) {
      return new TaskView(t.getJobKey(), t.getCaseId(), words.step(t.getElementId(), t.getName()), t.getElementId(), t.getFormId(), t.getAssignee(),
          t.getCandidateGroups().stream().sorted().toList(), t.getDueAt(),
          t.isOpen() && t.getDueAt() != null && t.getDueAt().isBefore(OffsetDateTime.now()), t.getCreatedAt(),
          t.getState().name());
    }
  }

  record TaskForm(long taskId, String formId, JsonNode schema, Map<String, Object> data) {}

  private final TaskService tasks;
  private final ObjectMapper json;

  private final ke.childprotection.audit.AuditLog audit;
  private final ke.childprotection.engine.FormTexts formTexts;
  private final ke.childprotection.web.PlainWords words;
  private final TaskNews news;

  TaskController(TaskService tasks, ObjectMapper json, ke.childprotection.audit.AuditLog audit,
      ke.childprotection.engine.FormTexts formTexts, ke.childprotection.web.PlainWords words, TaskNews news) {
    this.news = news;
    this.words = words;
    this.audit = audit;
    this.formTexts = formTexts;
    this.tasks = tasks;
    this.json = json;
  }

  @GetMapping
  @Operation(summary = "My open tasks (view=MINE) or the unassigned tasks of my group in my county (view=UNASSIGNED)",
      description = "sort=due (default: earliest due first, tasks without a due date last) or sort=created")
  List<TaskView> list(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "MINE") TaskService.View view,
      @RequestParam(defaultValue = "due") String sort) {
    return tasks.list(user, view, sort).stream().map(this::view).toList();
  }

  @GetMapping(path = "/news", produces = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(summary = "Server-sent events: 'tasks' whenever a task the caller may see arrives or changes",
      description = "The event carries no task data: ask for the list again. 'ready' once connected.")
  org.springframework.web.servlet.mvc.method.annotation.SseEmitter news(@AuthenticationPrincipal CurrentUser user) {
    return news.listen(user);
  }

  @GetMapping("/{id}")
  TaskView get(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
    return view(tasks.get(user, id));
  }

  @GetMapping("/{id}/form")
  @Operation(summary = "The task's Camunda Form schema and the data it starts from")
  TaskForm form(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, java.util.Locale locale) throws Exception {
    UserTask task = tasks.get(user, id);
    audit.read(user.username(), task.getCaseId(), "task form " + task.getElementId());
    if (task.getFormId() == null) {
      return new TaskForm(id, null, null, tasks.inputDataFor(user, task));
    }
    // in the user's language: the form's texts and the labels of options it takes from the task's data
    String schema = formTexts.schema(task.getFormId(), locale).orElse(null);
    return new TaskForm(id, task.getFormId(), schema == null ? null : json.readTree(schema),
        formTexts.data(task.getFormId(), tasks.inputDataFor(user, task), locale));
  }

  @PostMapping("/{id}/claim")
  TaskView claim(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
    return view(tasks.claim(user, id));
  }

  record Assignment(String assignee) {}

  @PostMapping("/{id}/assign")
  @Operation(summary = "Reassign an open task (supervisors, own county)", description = "assignee null: back to unassigned.")
  TaskView assign(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, @RequestBody Assignment assignment) {
    return view(tasks.assign(user, id, assignment.assignee()));
  }

  @PostMapping("/{id}/unclaim")
  TaskView unclaim(@AuthenticationPrincipal CurrentUser user, @PathVariable long id) {
    return view(tasks.unclaim(user, id));
  }

  @PostMapping("/{id}/complete")
  @Operation(summary = "Complete the task with its form's data",
      description = "The data is validated against the task's form (400 with field errors); the task must be claimed by the caller (409 otherwise).")
  TaskView complete(@AuthenticationPrincipal CurrentUser user, @PathVariable long id,
      @RequestBody(required = false) Map<String, Object> data) {
    // A worker of the case's process may change the case at the same moment (nothing of the completion
    // was kept, the engine was not told): the completion is tried again on the case as it is now.
    for (int attempt = 1; ; attempt++) {
      try {
        return view(tasks.complete(user, id, data));
      } catch (org.springframework.dao.OptimisticLockingFailureException concurrent) {
        if (attempt == 3) {
          throw concurrent;
        }
      }
    }
  }

  private TaskView view(UserTask task) {
    return TaskView.of(task, words);
  }
}
