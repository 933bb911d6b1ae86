package ke.childprotection.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.CaseView;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.security.Role;
import ke.childprotection.support.InvalidInput;
import ke.childprotection.support.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A child's whole record, exported on a lawful request (the data subject or a guardian, a court): the
 * case, its consents, timeline, form submissions, documents (listed, not their content) and who saw or
 * changed it. Only an administrator (the data protection officer) or the county's supervisor who may
 * see the child's identity exports it, with the request's reason, and the export itself is audited.
 */
@Service
public class RecordExport {
  private final ChildCaseRepository cases;
  private final CaseAccess access;
  private final CaseTimeline timeline;
  private final Consents consents;
  private final JdbcClient db;
  private final AuditLog audit;
  private final ObjectMapper json;
  private final ke.childprotection.web.PlainWords words;

  RecordExport(ChildCaseRepository cases, CaseAccess access, CaseTimeline timeline, Consents consents, JdbcClient db,
      AuditLog audit, ObjectMapper json, ke.childprotection.web.PlainWords words) {
    this.words = words;
    this.cases = cases;
    this.access = access;
    this.timeline = timeline;
    this.consents = consents;
    this.db = db;
    this.audit = audit;
    this.json = json;
  }

  /** The record as a map (JSON); the export is audited with its reason in the same transaction. */
  @Transactional
  public Map<String, Object> record(CurrentUser user, UUID caseId, String reason) {
    if (reason == null || reason.strip().length() < 10 || reason.length() > 300) {
      throw new InvalidInput("problem.export.reason",
          List.of(new InvalidInput.Field("reason", "problem.field.exportReason")));
    }
    ChildCase c;
    if (user.role() == Role.ADMIN) {
      c = cases.findById(caseId).orElseThrow(() -> new NotFound("problem.notFound.case", caseId));
    } else if (user.role() == Role.SUPERVISOR) {
      c = access.readIdentity(user, caseId, "export of the record");
    } else {
      throw new AccessDeniedException("problem.export.role");
    }
    audit.change(user.username(), caseId, "exported the child's record on a lawful request: " + reason.strip());
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("exportedAt", OffsetDateTime.now());
    record.put("exportedBy", user.username());
    record.put("reason", reason.strip());
    record.put("case", CaseView.of(c));
    record.put("consents", consents.of(caseId));
    record.put("timeline", timeline.of(caseId).stream().map(e -> Map.of("at", e.getOccurredAt(), "kind", e.getKind().name(),
        "step", String.valueOf(e.getStepName()), "actor", e.getActor(), "detail", String.valueOf(e.getDetail()))).toList());
    record.put("formSubmissions", db.sql("""
        select form_id, data, submitted_by, submitted_at from form_submission where case_id = :id order by submitted_at""")
        .param("id", caseId).query((rs, n) -> Map.of("form", rs.getString(1), "data", readJson(rs.getString(2)),
            "submittedBy", rs.getString(3), "submittedAt", rs.getObject(4, OffsetDateTime.class))).list());
    record.put("documents", db.sql("""
        select kind, file_name, content_type, size_bytes, sha256, uploaded_by, uploaded_at from case_document
        where case_id = :id order by uploaded_at""").param("id", caseId)
        .query((rs, n) -> Map.of("kind", rs.getString(1), "fileName", rs.getString(2), "contentType", rs.getString(3),
            "sizeBytes", rs.getLong(4), "sha256", rs.getString(5), "uploadedBy", rs.getString(6),
            "uploadedAt", rs.getObject(7, OffsetDateTime.class))).list());
    record.put("accessLog", db.sql("""
        select occurred_at, username, action, detail from audit_log where case_id = :id order by occurred_at, id""")
        .param("id", caseId).query((rs, n) -> Map.of("at", rs.getObject(1, OffsetDateTime.class), "user", rs.getString(2),
            "action", rs.getString(3), "detail", rs.getString(4))).list());
    return record;
  }

  private Object readJson(String text) {
    try {
      return json.readTree(text);
    } catch (Exception e) {
      return text;
    }
  }

  /** The same record as a PDF: each part as indented JSON text, for printing and filing. */
  public byte[] pdf(Map<String, Object> record) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Document document = new Document(PageSize.A4, 36, 36, 36, 36);
    PdfWriter.getInstance(document, out);
    document.open();
    Font title = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14);
    Font heading = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
    Font body = FontFactory.getFont(FontFactory.COURIER, 8);
    CaseView c = (CaseView) record.get("case");
    document.add(new Paragraph(words.format("pdf.record.title", c.caseNumber()), title));
    document.add(new Paragraph(words.format("pdf.record.exported", String.valueOf(record.get("exportedAt")),
        String.valueOf(record.get("exportedBy")), String.valueOf(record.get("reason"))), body));
    for (Map.Entry<String, Object> part : record.entrySet()) {
      if (List.of("exportedAt", "exportedBy", "reason").contains(part.getKey())) {
        continue;
      }
      document.add(new Paragraph(part.getKey(), heading));
      try {
        document.add(new Paragraph(json.writerWithDefaultPrettyPrinter().writeValueAsString(part.getValue()), body));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    document.close();
    return out.toByteArray();
  }
}
