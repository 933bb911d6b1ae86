package ke.childprotection.it;

import static ke.childprotection.it.MissingChildCaseEndToEndTest.awaitTask;
import static ke.childprotection.it.MissingChildCaseEndToEndTest.complete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An approved public alert gives the county a poster (A4, English and Kiswahili, with the photo and the
 * number to call) and a text to share, only with consent to publicity or its recorded override; both go
 * when the child is located (or the poster says "found" where the county chose that); every poster
 * download is audited.
 */
@IntegrationTest
class PublicAlertsTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ke.childprotection.audit.AuditLog audit;

  /** Reported, accepted, searched, assessed at high risk and the alert decided by the supervisor. */
  private String alertDecided(Api caseworker, Api supervisor, String county, String firstName, boolean consent,
      Map<String, Object> decision) {
    Map<String, Object> report = MissingChildCaseEndToEndTest.report(firstName, 10);
    report.put("countyCode", county);
    report.put("lastSeenPlace", "Kongowea market");
    report.put("clothingAndMarks", "blue dress, a scar on the left knee");
    report.put("consentPublicity", consent);
    String caseId = caseworker.ok(caseworker.post("/api/cases", report)).get("id").asText();
    JsonNode accept = awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    complete(caseworker, accept, Map.of("acceptConfirmed", true));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_StartSearch"), Map.of(
        "firstActionsTaken", List.of("POLICE_OB"), "searchActions", "OB 3/01/12/2026 Nyali; searched the market", "nextSteps", "hospitals"));
    complete(caseworker, awaitTask(caseworker, "MINE", caseId, "Task_AssessRisk"), Map.of("withUnknownAdult", true, "riskNotes", "seen leaving with an unknown man"));
    JsonNode approve = awaitTask(supervisor, "UNASSIGNED", caseId, "Task_ApproveAlert");
    supervisor.ok(supervisor.post("/api/tasks/" + approve.get("id").asLong() + "/claim", null));
    complete(supervisor, approve, decision);
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
        "select count(*) from alert where case_id = ?::uuid", Long.class, caseId) > 0);
    return caseId;
  }

  @Test
  void anApprovedAlertHasAPosterInBothLanguagesAndATextToShareUntilTheChildIsFound() throws Exception {
    Api caseworker = new Api(port, "cw.mombasa");
    Api supervisor = new Api(port, "sup.mombasa");
    String caseId = alertDecided(caseworker, supervisor, "001", "Halima", true, Map.of("alertApproved", true, "alertDecisionReason", "high risk"));
    caseworker.ok(caseworker.upload("/api/cases/" + caseId + "/documents", "PHOTO", "halima.png", "image/png", photo()));
    String caseNumber = caseworker.ok(caseworker.get("/api/cases/" + caseId)).get("child").get("caseNumber").asText();

    JsonNode listed = one(caseworker.ok(caseworker.get("/api/alerts")), caseId);
    assertThat(listed.get("state").asText()).isEqualTo("ACTIVE");
    assertThat(listed.get("approvedBy").asText()).contains("Mombasa");
    assertThat(listed.get("approvedAt").isNull()).isFalse();
    assertThat(listed.get("posterShown").asBoolean()).isTrue();
    assertThat(listed.get("childName").asText()).isEqualTo("Halima Synthetic");

    JsonNode share = caseworker.ok(caseworker.get("/api/alerts/" + caseId)).get("share");
    assertThat(share.get("english").asText()).startsWith("MISSING CHILD: Halima Synthetic, 10 years, female.")
        .contains("Kongowea market, Mombasa").contains("blue dress").contains("Call 116").endsWith("Case " + caseNumber + ".");
    assertThat(share.get("kiswahili").asText()).startsWith("MTOTO AMEPOTEA: Halima Synthetic, miaka 10, kike.")
        .contains("Alionekana mara ya mwisho").contains("Piga simu 116").endsWith("Kesi " + caseNumber + ".");
    assertThat(share.get("english").asText().length()).as("one or two SMS").isLessThanOrEqualTo(320);

    // The poster: A4, the red band at the top, the photo, both languages.
    HttpResponse<byte[]> pdf = caseworker.download("/api/alerts/" + caseId + "/poster.pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 72);
      ImageIO.write(page, "png", Path.of("target/alert-poster.png").toFile());
      assertThat(document.getNumberOfPages()).as("one sheet of A4").isEqualTo(1);
      assertThat(page.getHeight()).isGreaterThan(page.getWidth());
      assertThat(page.getRGB(page.getWidth() / 2, 45) & 0xffffff).as("the red band").isEqualTo(0xB01C1C);
      assertThat(document.getPage(0).getResources().getXObjectNames()).as("the photo").isNotEmpty();
      String shown = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      assertThat(shown).contains("MISSING CHILD").contains("MTOTO AMEPOTEA").contains("Halima Synthetic")
          .contains("10 years old, female").contains("Umri miaka 10, kike").contains("Last seen").contains("Alionekana mara ya mwisho")
          .contains("Seen this child? Call 116").contains("Umemwona mtoto huyu? Piga simu 116").contains(caseNumber)
          .doesNotContain("Synthetic Parent").doesNotContain("+254");
    }
    assertThat(caseworker.download("/api/alerts/" + caseId + "/poster.pdf").statusCode()).isEqualTo(200);
    audit.flush();
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ?::uuid and detail = 'alert poster downloaded'",
        Long.class, caseId)).as("every poster download audited").isEqualTo(2);

    // The printable page at phone width.
    String page = caseworker.page("/alerts/" + caseId);
    assertThat(page).contains("id=\"poster\"").contains("MTOTO AMEPOTEA").contains("/api/cases/" + caseId + "/documents/");
    audit.flush();
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ?::uuid and detail = 'alert page'",
        Long.class, caseId)).as("one page view, one read").isEqualTo(1);

    // Not the other county's, nor the secretariat's or the panel's.
    assertThat(new Api(port, "cw.nairobi").get("/api/alerts/" + caseId).status()).isEqualTo(404);
    assertThat(new Api(port, "cw.nairobi").ok(new Api(port, "cw.nairobi").get("/api/alerts")).toString()).doesNotContain(caseId);
    assertThat(new Api(port, "ctip").get("/api/alerts").status()).isEqualTo(403);

    // Located: the alert is withdrawn, and with it the poster and the text (Mombasa shows no "found" poster).
    caseworker.ok(caseworker.post("/api/cases/" + caseId + "/located", Map.of("locatedAt", OffsetDateTime.now().toString(),
        "place", "her aunt's home, Likoni", "how", "FOUND")));
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
        "select count(*) from alert where case_id = ?::uuid and withdrawn_at is null", Long.class, caseId) == 0);
    JsonNode withdrawn = one(caseworker.ok(caseworker.get("/api/alerts")), caseId);
    assertThat(withdrawn.get("state").asText()).isEqualTo("WITHDRAWN");
    assertThat(withdrawn.get("posterShown").asBoolean()).isFalse();
    assertThat(caseworker.ok(caseworker.get("/api/alerts/" + caseId)).hasNonNull("share")).isFalse();
    jdbc.update("update app_user set language = null where username = 'cw.mombasa'"); // her phone's language, not a choice
    Api.Response gone = caseworker.speaking("sw").get("/api/alerts/" + caseId + "/poster.pdf");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().get("detail").asText()).startsWith("Kesi " + caseNumber + " haina bango");
  }

  @Test
  void withoutConsentThereIsNoPosterUnlessTheSupervisorOverrodeItAndAFoundPosterWhereTheCountyWantsOne() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    Api supervisor = new Api(port, "sup.nairobi");
    String noConsent = alertDecided(caseworker, supervisor, "047", "Nasimiyu", false, Map.of("alertApproved", true, "alertDecisionReason", "high risk, no consent"));
    JsonNode listed = one(caseworker.ok(caseworker.get("/api/alerts")), noConsent);
    assertThat(listed.get("posterShown").asBoolean()).isFalse();
    assertThat(caseworker.download("/api/alerts/" + noConsent + "/poster.pdf").statusCode()).isEqualTo(404);
    assertThat(caseworker.ok(caseworker.get("/api/alerts/" + noConsent)).hasNonNull("share")).isFalse();

    String overridden = alertDecided(caseworker, supervisor, "047", "Jepkosgei", false,
        Map.of("alertApproved", true, "consentOverride", true, "alertDecisionReason", "parents unreachable, child in danger"));
    JsonNode shown = one(caseworker.ok(caseworker.get("/api/alerts")), overridden);
    assertThat(shown.get("posterShown").asBoolean()).isTrue();
    assertThat(shown.get("consentOverridden").asBoolean()).isTrue();

    // Nairobi shows "found — thank you" once the child is located (application-test.yml): no photo, no details.
    caseworker.ok(caseworker.post("/api/cases/" + overridden + "/located", Map.of("locatedAt", OffsetDateTime.now().toString(),
        "place", "Kibra", "how", "RETURNED_HOME")));
    await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
        "select count(*) from alert where case_id = ?::uuid and withdrawn_at is null", Long.class, overridden) == 0);
    HttpResponse<byte[]> found = caseworker.download("/api/alerts/" + overridden + "/poster.pdf");
    assertThat(found.statusCode()).isEqualTo(200);
    try (PDDocument document = Loader.loadPDF(found.body())) {
      String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
      assertThat(text).contains("FOUND — THANK YOU").contains("AMEPATIKANA — ASANTE").contains("Jepkosgei Synthetic")
          .doesNotContain("Last seen").doesNotContain("Kibra").doesNotContain("Call 116");
      BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 72);
      assertThat(page.getRGB(page.getWidth() / 2, 45) & 0xffffff).as("the green band").isEqualTo(0x006B3F);
    }
    assertThat(caseworker.ok(caseworker.get("/api/alerts/" + overridden)).get("share").get("kiswahili").asText())
        .startsWith("AMEPATIKANA: Jepkosgei Synthetic");
  }

  private static JsonNode one(JsonNode alerts, String caseId) {
    for (JsonNode alert : alerts) {
      if (caseId.equals(alert.get("caseId").asText())) {
        return alert;
      }
    }
    throw new AssertionError("no alert for " + caseId + " in " + alerts);
  }

  /** A synthetic "photo": a drawn face on a plain background, 120 x 150 px. */
  private static byte[] photo() throws java.io.IOException {
    BufferedImage image = new BufferedImage(120, 150, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(0xdde6ee));
    g.fillRect(0, 0, 120, 150);
    g.setColor(new java.awt.Color(0x6b4423));
    g.fillOval(30, 30, 60, 75);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    Files.createDirectories(Path.of("target"));
    return out.toByteArray();
  }
}
