package ke.childprotection.documents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.security.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import ke.childprotection.web.Idempotency;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/cases/{caseId}/documents")
@Tag(name = "Documents", description = "Photos and documents of a child's case, served only to those allowed to see the child's identity")
class DocumentController {
  private final CaseDocuments documents;
  private final CaseAccess access;
  private final Idempotency idempotency;

  DocumentController(CaseDocuments documents, CaseAccess access, Idempotency idempotency) {
    this.documents = documents;
    this.access = access;
    this.idempotency = idempotency;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Upload a photo or document", description = "kind: PHOTO or a document kind of mcc.documents.kinds; the type is detected from the content.")
  ResponseEntity<?> upload(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID caseId,
      @RequestHeader(name = Idempotency.HEADER, required = false) String idempotencyKey,
      @RequestParam String kind, @RequestParam MultipartFile file) throws IOException {
    byte[] content = file.getBytes();
    String name = file.getOriginalFilename();
    // what identifies the upload: its kind, name and bytes
    var identity = new java.io.ByteArrayOutputStream(content.length + 256);
    identity.writeBytes((kind + "\0" + name + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    identity.writeBytes(content);
    return idempotency.once(user, idempotencyKey, "POST /api/cases/" + caseId + "/documents", identity.toByteArray(), () -> {
      CaseDocuments.Info info = documents.upload(user, caseId, kind, name, content);
      return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/documents/" + info.id())).body(info);
    });
  }

  @GetMapping
  List<CaseDocuments.Info> list(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID caseId) {
    return documents.of(user, access.readIdentity(user, caseId, "GET /api/cases/{id}/documents"));
  }

  @GetMapping("/{documentId}")
  @Operation(summary = "Download a photo or document")
  ResponseEntity<byte[]> download(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID caseId, @PathVariable UUID documentId) {
    CaseDocuments.Content content = documents.open(user, caseId, documentId);
    ContentDisposition disposition = (content.info().contentType().startsWith("image/") ? ContentDisposition.inline() : ContentDisposition.attachment())
        .filename(content.info().fileName(), StandardCharsets.UTF_8).build();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(content.info().contentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.noStore())
        .body(content.bytes());
  }
}
