package ke.childprotection.cases;

import java.util.List;
import java.util.UUID;
import ke.childprotection.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A child's case page: the record, what may be done on it now, its steps and timeline, and the other modules' sections. */
@Controller
class CasePage {
  private final CaseAccess access;
  private final CaseTimeline timeline;
  private final OpenSteps steps;
  private final List<CasePageSection> sections;

  CasePage(CaseAccess access, CaseTimeline timeline, OpenSteps steps, List<CasePageSection> sections) {
    this.access = access;
    this.timeline = timeline;
    this.steps = steps;
    this.sections = sections;
  }

  @GetMapping("/cases/{id}")
  String caseDetails(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
    ChildCase childCase = access.read(user, id, "case page");
    boolean seesIdentity = access.seesIdentity(user, childCase);
    boolean open = childCase.getStatus() != ChildCase.Status.CLOSED;
    model.addAttribute("c", access.view(user, childCase));
    model.addAttribute("seesIdentity", seesIdentity);
    model.addAttribute("canRaiseConcern", user.worksIn(childCase.getCountyCode()) && user.mayChangeCases() && open);
    model.addAttribute("canChange", seesIdentity && user.mayChangeCases() && open);
    // the everyday events of a missing child's search: a sighting, the child back or found, the report withdrawn
    model.addAttribute("canRecordEvents", user.worksIn(childCase.getCountyCode()) && user.mayChangeCases()
        && childCase.getCaseType() == ChildCase.Type.MISSING && childCase.getStatus() == ChildCase.Status.OPEN
        && childCase.getWithdrawnAt() == null);
    model.addAttribute("currentSteps", steps.of(id));
    List<CaseEvent> events = timeline.of(id);
    model.addAttribute("timeline", events);
    model.addAttribute("referralHistory", events.stream().filter(e -> e.getKind().name().startsWith("TRAFFICKING_")
        || e.getKind() == CaseEvent.Kind.IDENTITY_PROTECTED).toList());
    sections.forEach(section -> section.addTo(model, user, childCase, seesIdentity));
    return "case";
  }
}
