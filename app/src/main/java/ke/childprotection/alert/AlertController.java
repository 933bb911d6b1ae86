package ke.childprotection.alert;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.documents.CaseDocuments;
import ke.childprotection.security.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/alerts")
@Tag(name = "Public alerts", description = "The county's approved alerts: posters and texts to share, while the child is missing")
class AlertController {
  /** An alert with, while a poster may be shown, the text to share in both languages. */
  record AlertDetail(PublicAlerts.AlertView alert, PublicAlerts.ShareText share,
      @com.fasterxml.jackson.annotation.JsonIgnore PublicAlerts.Poster poster) {}

  private final PublicAlerts alerts;
  private final AlertPoster posters;
  private final CaseDocuments documents;
  private final CaseAccess access;

  AlertController(PublicAlerts alerts, AlertPoster posters, CaseDocuments documents, CaseAccess access) {
    this.alerts = alerts;
    this.posters = posters;
    this.documents = documents;
    this.access = access;
  }

  @GetMapping
  @Operation(summary = "The alerts of my county, newest first: active and withdrawn, who approved each and when")
  List<PublicAlerts.AlertView> list(@AuthenticationPrincipal CurrentUser user) {
    return alerts.list(user);
  }

  @GetMapping("/{caseId}")
  @Operation(summary = "One alert, with the text to share by SMS, WhatsApp or with the police (English and Kiswahili)")
  AlertDetail get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID caseId) {
    return detail(alerts, user, caseId, "alert");
  }

  static AlertDetail detail(PublicAlerts alerts, CurrentUser user, UUID caseId, String purpose) {
    PublicAlerts.AlertView alert = alerts.get(user, caseId, purpose);
    PublicAlerts.Poster poster = alert.posterShown() ? alerts.posterOf(alert) : null;
    return new AlertDetail(alert, poster == null ? null : alerts.shareText(poster), poster);
  }

  @GetMapping("/{caseId}/poster.pdf")
  @Operation(summary = "The A4 poster (English and Kiswahili); every download is audited")
  ResponseEntity<byte[]> poster(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID caseId) {
    PublicAlerts.Poster poster = alerts.poster(user, caseId, "alert poster downloaded");
    byte[] photo = poster.found() ? null : photo(documents, access, user, caseId);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename("alert-" + poster.caseNumber() + ".pdf", StandardCharsets.UTF_8).build().toString())
        .cacheControl(CacheControl.noStore())
        .body(posters.pdf(poster, photo));
  }

  /** The newest photo of the case, if it has one. */
  static byte[] photo(CaseDocuments documents, CaseAccess access, CurrentUser user, UUID caseId) {
    return documents.photo(user, access.readIdentity(user, caseId, "alert photo"))
        .map(info -> documents.open(user, caseId, info.id()).bytes()).orElse(null);
  }
}
