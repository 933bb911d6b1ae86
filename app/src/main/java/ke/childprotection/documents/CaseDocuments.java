package ke.childprotection.documents;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.Conflict;
import ke.childprotection.support.InvalidInput;
import ke.childprotection.support.NotFound;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.tika.Tika;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Photos and documents of a child's case. Each is stored with the case and served only through the
 * case's gate (county, role, and identity protection); every upload and every download is audited.
 * A file is accepted for what its bytes are, not for its name or what the browser says it is.
 */
@Service
public class CaseDocuments {
  /** A stored document, without its content. The file name is as uploaded, cleaned of path and control characters. */
  public record Info(UUID id, UUID caseId, String kind, String label, String fileName, String contentType,
      long sizeBytes, String sha256, String uploadedBy, OffsetDateTime uploadedAt) {}

  public record Content(Info info, byte[] bytes) {}

  private static final String COLUMNS = "id, case_id, kind, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at";
  private final JdbcClient db;
  private final CaseAccess access;
  private final DocumentPolicy policy;
  private final AuditLog audit;
  private final CaseTimeline timeline;
  private final Tika tika = new Tika();

  CaseDocuments(JdbcClient db, CaseAccess access, DocumentPolicy policy, AuditLog audit, CaseTimeline timeline) {
    this.db = db;
    this.access = access;
    this.policy = policy;
    this.audit = audit;
    this.timeline = timeline;
  }

  @Transactional
  public Info upload(CurrentUser user, UUID caseId, String kind, String fileName, byte[] bytes) {
    ChildCase childCase = access.readIdentity(user, caseId, "upload document");
    if (!user.mayChangeCases()) {
      throw new AccessDeniedException("problem.document.role");
    }
    if (childCase.getStatus() == ChildCase.Status.CLOSED) {
      throw new Conflict("problem.caseClosed");
    }
    DocumentPolicy.Kind accepted = policy.kind(kind);
    if (bytes == null || bytes.length == 0) {
      throw new InvalidInput("problem.file.empty", List.of(new InvalidInput.Field("file", "problem.field.notEmpty")));
    }
    if (bytes.length > policy.maxSize().toBytes()) {
      throw new InvalidInput("problem.file.tooLarge",
          List.of(new InvalidInput.Field("file", "problem.field.atMostMb", policy.maxSize().toMegabytes())));
    }
    String detected = tika.detect(bytes);
    if (!accepted.types().contains(detected)) {
      throw new InvalidInput("problem.file.type",
          List.of(new InvalidInput.Field("file", "problem.field.fileTypes", accepted.label(), String.join(", ", accepted.types()))));
    }
    Info info = new Info(UUID.randomUUID(), caseId, kind, accepted.label(), cleanName(fileName, detected), detected,
        bytes.length, DigestUtils.sha256Hex(bytes), user.username(), OffsetDateTime.now());
    db.sql("insert into case_document (" + COLUMNS + ", content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .params(info.id(), info.caseId(), info.kind(), info.fileName(), info.contentType(), info.sizeBytes(), info.sha256(),
            info.uploadedBy(), info.uploadedAt(), bytes)
        .update();
    audit.change(user.username(), caseId, "uploaded " + kind + " " + info.id());
    timeline.record(caseId, CaseEvent.Kind.DOCUMENT_ADDED, null, accepted.label(), user.username(),
        "%s, %d kB".formatted(detected, Math.max(1, bytes.length / 1024)), null);
    return info;
  }

  /** The documents of a case the caller has read through {@link CaseAccess}; none if its identity is hidden from them. */
  @Transactional(readOnly = true)
  public List<Info> of(CurrentUser user, ChildCase readCase) {
    if (!access.seesIdentity(user, readCase)) {
      return List.of();
    }
    return db.sql("select " + COLUMNS + " from case_document where case_id = ? order by uploaded_at desc")
        .param(readCase.getId()).query(this::info).list();
  }

  /** The kinds of document a case has (for rules that need documents; no content, no audit). */
  @Transactional(readOnly = true)
  public java.util.Set<String> kindsOf(UUID caseId) {
    return java.util.Set.copyOf(db.sql("select distinct kind from case_document where case_id = ?").param(caseId)
        .query(String.class).list());
  }

  /** The newest photo of a case the caller has read through {@link CaseAccess}, if they may see it. */
  @Transactional(readOnly = true)
  public Optional<Info> photo(CurrentUser user, ChildCase readCase) {
    return of(user, readCase).stream().filter(d -> DocumentPolicy.PHOTO.equals(d.kind())).findFirst();
  }

  @Transactional(readOnly = true)
  public Content open(CurrentUser user, UUID caseId, UUID documentId) {
    access.readIdentity(user, caseId, "document " + documentId);
    Info info = db.sql("select " + COLUMNS + " from case_document where id = ? and case_id = ?")
        .params(documentId, caseId).query(this::info).optional()
        .orElseThrow(() -> new NotFound("problem.notFound.document", documentId));
    byte[] bytes = db.sql("select content from case_document where id = ?").param(documentId)
        .query((rs, n) -> rs.getBytes(1)).single();
    return new Content(info, bytes);
  }

  private Info info(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    String kind = rs.getString("kind");
    return new Info(rs.getObject("id", UUID.class), rs.getObject("case_id", UUID.class), kind, policy.label(kind),
        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class));
  }

  /** The last path segment, printable characters only, at most 100 of them; a name from the type if nothing is left. */
  static String cleanName(String fileName, String contentType) {
    String name = fileName == null ? "" : fileName.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^\\p{L}\\p{N} ._()-]", "").strip();
    if (name.isEmpty() || name.startsWith(".")) {
      name = "document" + switch (contentType) {
        case "image/jpeg" -> ".jpg";
        case "image/png" -> ".png";
        case "application/pdf" -> ".pdf";
        default -> "";
      };
    }
    return name.length() > 100 ? name.substring(name.length() - 100) : name;
  }
}
