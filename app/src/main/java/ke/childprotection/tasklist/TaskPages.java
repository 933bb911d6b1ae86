package ke.childprotection.tasklist;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CaseView;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.notification.Notifications;
import ke.childprotection.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The tasklist: a user's tasks (filtered, with each child and risk), and a task's page; its form is rendered in the browser by form-js. */
@Controller
class TaskPages {
  private final TaskService tasks;
  private final CaseAccess access;
  private final ChildCaseRepository cases;
  private final Notifications notifications;
  private final List<TaskPageSection> sections;
  private final ZoneId zone;

  TaskPages(TaskService tasks, CaseAccess access, ChildCaseRepository cases, Notifications notifications,
      List<TaskPageSection> sections, @Value("${mcc.display-time-zone:Africa/Nairobi}") String zone) {
    this.tasks = tasks;
    this.access = access;
    this.cases = cases;
    this.notifications = notifications;
    this.sections = sections;
    this.zone = ZoneId.of(zone);
  }

  @GetMapping("/tasks")
  String tasks(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "MINE") TaskService.View view,
      @RequestParam(defaultValue = "due") String sort, @RequestParam(defaultValue = "all") String show, Model model) {
    model.addAttribute("view", view.name());
    model.addAttribute("sort", sort);
    OffsetDateTime now = OffsetDateTime.now();
    OffsetDateTime endOfToday = now.atZoneSameInstant(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    List<UserTask> all = tasks.list(user, view, sort);
    Map<UUID, ChildCase> allCases = cases.findAllById(all.stream().map(UserTask::getCaseId).distinct().toList())
        .stream().collect(Collectors.toMap(ChildCase::getId, Function.identity()));
    // filters: what is late, what is due today, the high-risk children
    Predicate<UserTask> shown = switch (show) {
      case "overdue" -> t -> t.getDueAt() != null && t.getDueAt().isBefore(now);
      case "today" -> t -> t.getDueAt() != null && t.getDueAt().isBefore(endOfToday);
      case "high" -> t -> allCases.containsKey(t.getCaseId()) && "HIGH".equals(allCases.get(t.getCaseId()).getRiskLevel());
      default -> t -> true;
    };
    List<UserTask> list = all.stream().filter(shown).toList();
    model.addAttribute("show", List.of("overdue", "today", "high").contains(show) ? show : "all");
    model.addAttribute("tasks", list);
    model.addAttribute("allTaskIds", all.stream().map(t -> String.valueOf(t.getJobKey())).collect(Collectors.joining(",")));
    model.addAttribute("endOfToday", endOfToday);
    // each task with its child (the pseudonym where the user may not know who it is) and risk
    Map<UUID, ChildCase> byCase = list.stream().map(UserTask::getCaseId).distinct().filter(allCases::containsKey)
        .collect(Collectors.toMap(id -> id, allCases::get));
    access.listed(user, byCase.keySet(), "task list");
    model.addAttribute("caseNumbers", byCase.values().stream().collect(Collectors.toMap(ChildCase::getId, ChildCase::getCaseNumber)));
    model.addAttribute("children", byCase.values().stream().collect(Collectors.toMap(ChildCase::getId,
        c -> CaseView.childName(c, access.seesIdentity(user, c)))));
    model.addAttribute("risks", byCase.values().stream().filter(c -> c.getRiskLevel() != null)
        .collect(Collectors.toMap(ChildCase::getId, ChildCase::getRiskLevel)));
    model.addAttribute("now", now);
    model.addAttribute("notifications", notifications.forUser(user));
    return "tasks";
  }

  @GetMapping("/tasks/{id}")
  String task(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
    UserTask task = tasks.get(user, id);
    model.addAttribute("task", task);
    ChildCase childCase = access.read(user, task.getCaseId(), "task page");
    model.addAttribute("childCase", access.view(user, childCase));
    sections.forEach(section -> section.addTo(model, user, task, childCase));
    return "task";
  }
}
