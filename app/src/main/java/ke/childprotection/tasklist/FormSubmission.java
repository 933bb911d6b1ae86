package ke.childprotection.tasklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The data a completed form handed to the process, kept with the case. */
@Entity
@Table(name = "form_submission")
public class FormSubmission {
  private static final com.fasterxml.jackson.databind.ObjectMapper READER = new com.fasterxml.jackson.databind.ObjectMapper();

  @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
  @Column(nullable = false, unique = true) private long jobKey;
  @Column(nullable = false) private UUID caseId;
  @Column(nullable = false) private String formId;
  @Column(nullable = false) private String data;
  @Column(nullable = false) private String submittedBy;
  @Column(nullable = false) private OffsetDateTime submittedAt;

  protected FormSubmission() {}

  FormSubmission(long jobKey, UUID caseId, String formId, String data, String submittedBy) {
    this.jobKey = jobKey;
    this.caseId = caseId;
    this.formId = formId;
    this.data = data;
    this.submittedBy = submittedBy;
    this.submittedAt = OffsetDateTime.now();
  }

  public long getJobKey() { return jobKey; }
  public UUID getCaseId() { return caseId; }
  public String getFormId() { return formId; }
  public String getData() { return data; }

  /** The submitted fields, in the form's order, for display. */
  public java.util.Map<String, Object> getFields() {
    try {
      return READER.readValue(data, new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Object>>() {});
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored form data is not JSON", e);
    }
  }
  public String getSubmittedBy() { return submittedBy; }
  public OffsetDateTime getSubmittedAt() { return submittedAt; }
}
