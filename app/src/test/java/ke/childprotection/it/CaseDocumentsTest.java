package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Photos and documents of a case: what is accepted, who is served, and the audit of both. */
@IntegrationTest
class CaseDocumentsTest {
  static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
      .getBytes(StandardCharsets.US_ASCII);

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ke.childprotection.audit.AuditLog audit;

  static byte[] png() {
    try {
      BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
      image.setRGB(3, 3, 0x00aa33);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aPhotoIsStoredAsItsBytesAreAndServedOnlyWithinTheCaseGate() {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Photo", 10))).get("id").asText();
    byte[] photo = png();

    JsonNode stored = caseworker.ok(caseworker.upload("/api/cases/" + caseId + "/documents", "PHOTO",
        "../../etc/school photo.png", "image/png", photo));
    assertThat(stored.get("fileName").asText()).isEqualTo("school photo.png");
    assertThat(stored.get("contentType").asText()).isEqualTo("image/png");
    assertThat(stored.get("sha256").asText()).isEqualTo(DigestUtils.sha256Hex(photo));
    String path = "/api/cases/" + caseId + "/documents/" + stored.get("id").asText();

    HttpResponse<byte[]> download = caseworker.download(path);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(photo);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    audit.flush(); // reads are written by the audit writer a moment later
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ?::uuid and action = 'READ' and detail = ?",
        Long.class, caseId, "document " + stored.get("id").asText())).isEqualTo(1);

    // Another county: the case, its documents and the photo do not exist for them.
    Api otherCounty = new Api(port, "sup.mombasa");
    assertThat(otherCounty.download(path).statusCode()).isEqualTo(404);
    assertThat(otherCounty.get("/api/cases/" + caseId + "/documents").status()).isEqualTo(404);
    assertThat(otherCounty.upload("/api/cases/" + caseId + "/documents", "PHOTO", "x.png", "image/png", photo).status()).isEqualTo(404);
    // A random id under the right case is not found either; nothing is guessable from the URL.
    assertThat(caseworker.download("/api/cases/" + caseId + "/documents/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);

    // The case page shows the photo; the timeline says a photo was added but not the file's name.
    String page = new String(caseworker.download("/cases/" + caseId).body(), StandardCharsets.UTF_8);
    assertThat(page).contains("id=\"child-photo\"").contains(path);
    JsonNode added = StreamSupport.stream(caseworker.ok(caseworker.get("/api/cases/" + caseId + "/timeline")).spliterator(), false)
        .filter(e -> "DOCUMENT_ADDED".equals(e.get("kind").asText())).findFirst().orElseThrow();
    assertThat(added.get("step").asText()).isEqualTo("Photo of the child");
    assertThat(added.get("detail").asText()).startsWith("image/png").doesNotContain("school");
  }

  @Test
  void aFileIsRefusedWithAClearErrorWhenItIsNotWhatItsKindAccepts() {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Refused", 12))).get("id").asText();
    String documents = "/api/cases/" + caseId + "/documents";

    Api.Response textAsImage = caseworker.upload(documents, "PHOTO", "photo.png", "image/png",
        "not an image at all".getBytes(StandardCharsets.UTF_8));
    assertThat(textAsImage.status()).isEqualTo(400);
    assertThat(textAsImage.body().get("errors").get(0).get("field").asText()).isEqualTo("file");
    assertThat(caseworker.upload(documents, "PHOTO", "scan.pdf", "application/pdf", PDF).status())
        .as("a PDF is not a photo").isEqualTo(400);
    Api.Response unknownKind = caseworker.upload(documents, "SELFIE", "x.png", "image/png", png());
    assertThat(unknownKind.status()).isEqualTo(400);
    assertThat(unknownKind.body().get("errors").get(0).get("field").asText()).isEqualTo("kind");
    assertThat(caseworker.upload(documents, "PHOTO", "empty.png", "image/png", new byte[0]).status()).isEqualTo(400);
    assertThat(jdbc.queryForObject("select count(*) from case_document where case_id = ?::uuid", Long.class, caseId))
        .as("nothing refused is stored").isZero();

    JsonNode order = caseworker.ok(caseworker.upload(documents, "COURT_ORDER", "order.pdf", "application/pdf", PDF));
    assertThat(order.get("contentType").asText()).isEqualTo("application/pdf");
    HttpResponse<byte[]> download = caseworker.download(documents + "/" + order.get("id").asText());
    assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
    assertThat(caseworker.ok(caseworker.get(documents))).hasSize(1);
  }
}
