package ke.childprotection.partner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import ke.childprotection.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The administrator's partner systems: their keys issued (shown once), replaced and revoked. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Partner systems", description = "Keys for the 116 helpline, police and partner organisations (administrators)")
class PartnersController {
  private final PartnerClients partners;

  PartnersController(PartnerClients partners) {
    this.partners = partners;
  }

  @Operation(summary = "Partner systems, their scopes, county, limit and last use (never their keys)")
  @GetMapping("/api/admin/partners")
  List<PartnerClients.PartnerView> list() {
    return partners.list();
  }

  @Operation(summary = "Register a partner system and issue its key",
      description = "The key is in this answer only: give it to the partner through a safe channel. "
          + "Scopes: report:missing, report:found, report:status; countyCode empty for nationwide (the 116 helpline).")
  @PostMapping("/api/admin/partners")
  @ResponseStatus(HttpStatus.CREATED)
  PartnerClients.IssuedKey issue(@AuthenticationPrincipal CurrentUser admin, @Valid @RequestBody PartnerClients.NewPartner partner) {
    return partners.issue(admin.username(), partner);
  }

  @Operation(summary = "Issue a new key to a partner; its old key stops working at once")
  @PostMapping("/api/admin/partners/{id}/key")
  PartnerClients.IssuedKey replaceKey(@AuthenticationPrincipal CurrentUser admin, @PathVariable String id) {
    return partners.replaceKey(admin.username(), id);
  }

  @Operation(summary = "Revoke a partner's key: its requests are refused (401) from now on")
  @PostMapping("/api/admin/partners/{id}/revoke")
  PartnerClients.PartnerView revoke(@AuthenticationPrincipal CurrentUser admin, @PathVariable String id) {
    return partners.revoke(admin.username(), id);
  }

  /** The page: the same list, a form to register a partner, and the key shown once. */
  @Controller
  static class Page {
    private final PartnerClients partners;

    Page(PartnerClients partners) {
      this.partners = partners;
    }

    @GetMapping("/admin/partners")
    @PreAuthorize("hasRole('ADMIN')")
    String page(Model model) {
      model.addAttribute("partners", partners.list());
      model.addAttribute("scopes", PartnerClients.SCOPES);
      return "partners";
    }
  }
}
