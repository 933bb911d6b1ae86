package ke.childprotection.audit;

import java.util.List;
import java.util.UUID;
import java.security.Principal;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail page for administrators (the API: {@link AuditController}). */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditPage {
  private final AuditTrail trail;

  AuditPage(AuditTrail trail) {
    this.trail = trail;
  }

  @GetMapping("/admin/audit")
  String page(Principal admin, @RequestParam(name = "case", required = false) String caseRef,
      @RequestParam(required = false) String user, Model model) {
    model.addAttribute("caseRef", caseRef);
    model.addAttribute("who", user);
    UUID caseId = trail.caseOf(caseRef);
    boolean asked = caseId != null || (user != null && !user.isBlank());
    model.addAttribute("unknownCase", caseRef != null && !caseRef.isBlank() && caseId == null);
    model.addAttribute("entries", asked ? trail.entries(admin.getName(), caseId, user, 500) : List.of());
    model.addAttribute("zone", java.time.ZoneId.of("Africa/Nairobi"));
    return "audit";
  }
}
