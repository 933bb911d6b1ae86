package ke.childprotection.alert;

import java.util.UUID;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.documents.CaseDocuments;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.Languages;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The alerts page of a county and each alert's printable page (the poster at phone width). */
@Controller
class AlertPages {
  /** The poster's text in one of its languages: the language and the date last seen as it writes it. */
  record PosterLanguage(java.util.Locale language, String lastSeen) {}

  private final PublicAlerts alerts;
  private final CaseDocuments documents;
  private final CaseAccess access;

  AlertPages(PublicAlerts alerts, CaseDocuments documents, CaseAccess access) {
    this.alerts = alerts;
    this.documents = documents;
    this.access = access;
  }

  @GetMapping("/alerts")
  String list(@AuthenticationPrincipal CurrentUser user, Model model) {
    model.addAttribute("alerts", alerts.list(user));
    return "alerts";
  }

  @GetMapping("/alerts/{caseId}")
  String alert(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID caseId, Model model) {
    AlertController.AlertDetail detail = AlertController.detail(alerts, user, caseId, "alert page");
    model.addAttribute("alert", detail.alert());
    model.addAttribute("share", detail.share());
    if (detail.share() != null) {
      PublicAlerts.Poster poster = detail.poster();
      model.addAttribute("poster", poster);
      model.addAttribute("english", Languages.ENGLISH);
      model.addAttribute("kiswahili", Languages.KISWAHILI);
      model.addAttribute("languages", Languages.SUPPORTED.stream()
          .map(language -> new PosterLanguage(language, alerts.date(poster.lastSeenAt(), language))).toList());
      model.addAttribute("place", PublicAlerts.place(poster));
      model.addAttribute("photo", poster.found() ? null
          : documents.photo(user, access.readIdentity(user, caseId, "alert page photo")).orElse(null));
    }
    return "alert";
  }
}
