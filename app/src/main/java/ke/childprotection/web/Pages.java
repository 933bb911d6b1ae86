package ke.childprotection.web;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.CaseView;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.documents.CaseDocuments;
import ke.childprotection.documents.DocumentPolicy;
import ke.childprotection.intake.RecordCorrection;
import ke.childprotection.notification.Notifications;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.tasklist.FormSubmissions;
import ke.childprotection.tasklist.TaskService;
import ke.childprotection.tasklist.UserTask;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** A document a task needs, and whether the case has it yet. */
record RequiredDocument(String kind, String label, boolean uploaded) {}

/** Server-rendered pages; the task form itself is rendered in the browser by form-js from the API. */
@Controller
class Pages {
  private final TaskService tasks;
  private final CaseAccess access;
  private final ChildCaseRepository cases;
  private final Notifications notifications;
  private final CaseTimeline timeline;
  private final FormSubmissions submissions;

  private final CaseDocuments documents;
  private final DocumentPolicy documentPolicy;

  private final org.springframework.beans.factory.ObjectProvider<
      org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> providers;
  private final ke.childprotection.matching.CaseFinder finder;

  private final java.time.ZoneId zone;
  private final ke.childprotection.matching.MatchFinder matchFinder;

  /** A proposed missing report beside the found child on the verify-match task. */
  public record SideBySide(ke.childprotection.matching.MatchCandidate candidate, ChildCase missing,
      ke.childprotection.documents.CaseDocuments.Info photo) {}

  Pages(TaskService tasks, CaseAccess access, ChildCaseRepository cases, Notifications notifications,
      CaseTimeline timeline, FormSubmissions submissions, CaseDocuments documents, DocumentPolicy documentPolicy,
      org.springframework.beans.factory.ObjectProvider<
          org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> providers,
      ke.childprotection.matching.CaseFinder finder, ke.childprotection.matching.MatchFinder matchFinder,
      @org.springframework.beans.factory.annotation.Value("${mcc.display-time-zone:Africa/Nairobi}") String zone) {
    this.zone = java.time.ZoneId.of(zone);
    this.matchFinder = matchFinder;
    this.providers = providers;
    this.finder = finder;
    this.documents = documents;
    this.documentPolicy = documentPolicy;
    this.submissions = submissions;
    this.tasks = tasks;
    this.access = access;
    this.cases = cases;
    this.notifications = notifications;
    this.timeline = timeline;
  }

  @GetMapping("/login")
  String login(Model model) {
    // the county's identity provider, when one is configured
    model.addAttribute("providers", providers.getIfAvailable() instanceof Iterable<?> registrations
        ? java.util.stream.StreamSupport.stream(registrations.spliterator(), false)
            .map(r -> (org.springframework.security.oauth2.client.registration.ClientRegistration) r).toList()
        : java.util.List.of());
    return "login";
  }

  /** Each role's first page: the administrator has no tasks and sees no child's record, so starts at the engine's health. */
  @GetMapping("/")
  String home(@AuthenticationPrincipal CurrentUser user) {
    return user != null && user.role() == ke.childprotection.security.Role.ADMIN ? "redirect:/admin/problems" : "redirect:/tasks";
  }

  @GetMapping("/tasks")
  String tasks(@AuthenticationPrincipal CurrentUser user, @RequestParam(defaultValue = "MINE") TaskService.View view,
      @RequestParam(defaultValue = "due") String sort, @RequestParam(defaultValue = "all") String show, Model model) {
    model.addAttribute("user", user);
    model.addAttribute("view", view.name());
    model.addAttribute("sort", sort);
    OffsetDateTime now = OffsetDateTime.now();
    OffsetDateTime endOfToday = now.atZoneSameInstant(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    List<UserTask> all = tasks.list(user, view, sort);
    Map<UUID, ChildCase> allCases = cases.findAllById(all.stream().map(UserTask::getCaseId).distinct().toList())
        .stream().collect(java.util.stream.Collectors.toMap(ChildCase::getId, c -> c));
    // filters: what is late, what is due today, the high-risk children
    java.util.function.Predicate<UserTask> shown = switch (show) {
      case "overdue" -> t -> t.getDueAt() != null && t.getDueAt().isBefore(now);
      case "today" -> t -> t.getDueAt() != null && t.getDueAt().isBefore(endOfToday);
      case "high" -> t -> allCases.containsKey(t.getCaseId()) && "HIGH".equals(allCases.get(t.getCaseId()).getRiskLevel());
      default -> t -> true;
    };
    List<UserTask> list = all.stream().filter(shown).toList();
    model.addAttribute("show", List.of("overdue", "today", "high").contains(show) ? show : "all");
    model.addAttribute("tasks", list);
    model.addAttribute("allTaskIds", all.stream().map(t -> String.valueOf(t.getJobKey())).collect(java.util.stream.Collectors.joining(",")));
    model.addAttribute("endOfToday", endOfToday);
    // each task with its child (the pseudonym where the user may not know who it is) and risk
    Map<UUID, ChildCase> byCase = list.stream().map(UserTask::getCaseId).distinct().filter(allCases::containsKey)
        .collect(java.util.stream.Collectors.toMap(id -> id, allCases::get));
    access.listed(user, byCase.keySet(), "task list");
    model.addAttribute("caseNumbers", byCase.values().stream()
        .collect(java.util.stream.Collectors.toMap(ChildCase::getId, ChildCase::getCaseNumber)));
    model.addAttribute("children", byCase.values().stream().collect(java.util.stream.Collectors.toMap(ChildCase::getId,
        c -> ke.childprotection.cases.CaseView.childName(c, access.seesIdentity(user, c)))));
    model.addAttribute("risks", byCase.values().stream().filter(c -> c.getRiskLevel() != null)
        .collect(java.util.stream.Collectors.toMap(ChildCase::getId, c -> c.getRiskLevel().toLowerCase())));
    model.addAttribute("now", now);
    model.addAttribute("notifications", notifications.forUser(user));
    return "tasks";
  }

  @GetMapping("/tasks/{id}")
  String task(@AuthenticationPrincipal CurrentUser user, @PathVariable long id, Model model) {
    UserTask task = tasks.get(user, id);
    model.addAttribute("user", user);
    model.addAttribute("task", task);
    ChildCase childCase = access.read(user, task.getCaseId(), "task page");
    model.addAttribute("childCase", access.view(user, childCase));
    if ("verify-match".equals(task.getFormId()) || "Task_VerifyMatch".equals(task.getElementId())) {
      // Both children side by side: the found child and each proposed missing report (photo where this
      // user may open that case).
      model.addAttribute("foundPhoto", documents.photo(user, childCase).orElse(null));
      model.addAttribute("candidates", matchFinder.proposed(childCase.getId()).stream()
          .map(c -> new SideBySide(c.candidate(), c.missing(),
              access.mayRead(user, c.missing()) ? documents.photo(user, c.missing()).orElse(null) : null)).toList());
    }
    Object required = tasks.inputData(task).get("requiredDocuments");
    if (required instanceof java.util.List<?> kinds && access.seesIdentity(user, childCase)) {
      java.util.Set<String> uploaded = documents.kindsOf(childCase.getId());
      model.addAttribute("requiredDocuments", kinds.stream().map(String::valueOf)
          .map(k -> new RequiredDocument(k, documentPolicy.label(k), uploaded.contains(k))).toList());
    }
    return "task";
  }

  @GetMapping("/cases")
  String cases(@AuthenticationPrincipal CurrentUser user, @org.springframework.web.bind.annotation.RequestParam(required = false) String q,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String status,
      @org.springframework.web.bind.annotation.RequestParam(required = false) String risk,
      @org.springframework.web.bind.annotation.RequestParam(defaultValue = "0") int page, Model model) {
    model.addAttribute("user", user);
    String query = q == null || q.isBlank() ? null : q;
    var found = finder.find(user, new ke.childprotection.matching.CaseFinder.Criteria(query,
        status == null || status.isBlank() ? null : status, risk == null || risk.isBlank() ? null : risk, null, null, null),
        Math.max(page, 0), 25);
    model.addAttribute("found", found);
    model.addAttribute("q", query);
    model.addAttribute("status", status);
    model.addAttribute("risk", risk);
    return "cases";
  }

  @GetMapping("/cases/new")
  @org.springframework.security.access.prepost.PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  String report(@AuthenticationPrincipal CurrentUser user, Model model) {
    model.addAttribute("user", user);
    return "report";
  }

  @GetMapping("/cases/found/new")
  @org.springframework.security.access.prepost.PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  String registerFound(@AuthenticationPrincipal CurrentUser user, Model model) {
    model.addAttribute("user", user);
    return "found";
  }

  @GetMapping("/cases/{id}")
  String caseDetails(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
    model.addAttribute("user", user);
    ChildCase childCase = access.read(user, id, "case page");
    boolean seesIdentity = access.seesIdentity(user, childCase);
    model.addAttribute("c", access.view(user, childCase));
    model.addAttribute("seesIdentity", seesIdentity);
    model.addAttribute("documents", documents.of(user, childCase));
    model.addAttribute("photo", documents.photo(user, childCase).orElse(null));
    model.addAttribute("documentKinds", new java.util.TreeMap<>(documentPolicy.kinds()));
    model.addAttribute("canRaiseConcern", user.worksIn(childCase.getCountyCode()) && user.mayChangeCases()
        && childCase.getStatus() != ChildCase.Status.CLOSED);
    model.addAttribute("canChange", seesIdentity && user.mayChangeCases() && childCase.getStatus() != ChildCase.Status.CLOSED);
    // the everyday events of a missing child's search: a sighting, the child back or found
    boolean searching = user.worksIn(childCase.getCountyCode()) && user.mayChangeCases()
        && childCase.getCaseType() == ChildCase.Type.MISSING && childCase.getStatus() == ChildCase.Status.OPEN
        && childCase.getWithdrawnAt() == null;
    model.addAttribute("canRecordEvents", searching);
    model.addAttribute("correction", new RecordCorrection(childCase.getVersion(), childCase.getChildFirstName(),
        childCase.getChildLastName(), childCase.getChildSex(), childCase.getChildAge(), childCase.getSubCounty(),
        childCase.getLastSeenPlace(), childCase.getClothingAndMarks(), childCase.getLanguages(), childCase.getRelatives(),
        childCase.isConsentTracing(), childCase.isConsentPublicity(), null));
    model.addAttribute("currentSteps", tasks.openTasksOfCase(id));
    model.addAttribute("timeline", timeline.of(id));
    model.addAttribute("likelyMatches", seesIdentity ? matchFinder.likelyWaiting(id) : List.of());
    // Records may name the child and the family: shown to those who see the child's identity; the
    // secretariat's own records (ctip-* forms) to the secretariat only.
    model.addAttribute("records", !seesIdentity ? List.of() : submissions.of(id).stream()
        .filter(r -> user.isSecretariat() || !r.getFormId().startsWith("ctip-")).toList());
    model.addAttribute("referralHistory", timeline.of(id).stream().filter(e -> e.getKind().name().startsWith("TRAFFICKING_")
        || e.getKind() == ke.childprotection.cases.CaseEvent.Kind.IDENTITY_PROTECTED).toList());
    return "case";
  }
}
