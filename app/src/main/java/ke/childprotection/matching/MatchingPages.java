package ke.childprotection.matching;

import java.util.List;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CasePageSection;
import ke.childprotection.cases.CaseView;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.documents.CaseDocuments;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.tasklist.TaskPageSection;
import ke.childprotection.tasklist.UserTask;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Finding children: the case list searched by name (misspellings too) or number, a likely match on a
 * case's page, and the children side by side on the verify-match task.
 */
@Controller
class MatchingPages implements CasePageSection, TaskPageSection {
  /** A proposed missing report beside the found child: its child by name as recorded, and its photo where the user may open that case. */
  public record SideBySide(MatchCandidate candidate, ChildCase missing, String name, CaseDocuments.Info photo) {}

  private final CaseFinder finder;
  private final MatchFinder matches;
  private final CaseAccess access;
  private final CaseDocuments documents;

  MatchingPages(CaseFinder finder, MatchFinder matches, CaseAccess access, CaseDocuments documents) {
    this.finder = finder;
    this.matches = matches;
    this.access = access;
    this.documents = documents;
  }

  @GetMapping("/cases")
  String cases(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
      @RequestParam(required = false) String status, @RequestParam(required = false) String risk,
      @RequestParam(defaultValue = "0") int page, Model model) {
    String query = q == null || q.isBlank() ? null : q;
    model.addAttribute("found", finder.find(user, new CaseFinder.Criteria(query, status == null || status.isBlank() ? null : status,
        risk == null || risk.isBlank() ? null : risk, null, null, null), Math.max(page, 0), 25));
    model.addAttribute("q", query);
    model.addAttribute("status", status);
    model.addAttribute("risk", risk);
    return "cases";
  }

  @Override
  public void addTo(Model model, CurrentUser user, ChildCase childCase, boolean seesIdentity) {
    model.addAttribute("likelyMatches", seesIdentity ? matches.likelyWaiting(childCase.getId()) : List.of());
  }

  /** Verify-match: both children side by side, the found child and each proposed missing report. */
  @Override
  public void addTo(Model model, CurrentUser user, UserTask task, ChildCase found) {
    if (!"verify-match".equals(task.getFormId()) && !"Task_VerifyMatch".equals(task.getElementId())) {
      return;
    }
    model.addAttribute("foundPhoto", documents.photo(user, found).orElse(null));
    model.addAttribute("candidates", matches.proposed(found.getId()).stream()
        .map(c -> new SideBySide(c.candidate(), c.missing(), CaseView.childName(c.missing(), true),
            access.mayRead(user, c.missing()) ? documents.photo(user, c.missing()).orElse(null) : null)).toList());
  }
}
