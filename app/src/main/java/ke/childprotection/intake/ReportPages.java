package ke.childprotection.intake;

import ke.childprotection.cases.CasePageSection;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The report forms (a missing child, a found child; both kept on the phone offline), and the correction form on a case's page. */
@Controller
class ReportPages implements CasePageSection {
  @GetMapping("/cases/new")
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  String report() {
    return "report";
  }

  @GetMapping("/cases/found/new")
  @PreAuthorize("hasAnyRole('CASEWORKER','SUPERVISOR')")
  String registerFound() {
    return "found";
  }

  /** The record as it stands, for its correction (shown to those who may change it). */
  @Override
  public void addTo(Model model, CurrentUser user, ChildCase c, boolean seesIdentity) {
    model.addAttribute("correction", new RecordCorrection(c.getVersion(), c.getChildFirstName(), c.getChildLastName(),
        c.getChildSex(), c.getChildAge(), c.getSubCounty(), c.getLastSeenPlace(), c.getClothingAndMarks(), c.getLanguages(),
        c.getRelatives(), c.isConsentTracing(), c.isConsentPublicity(), null));
  }
}
