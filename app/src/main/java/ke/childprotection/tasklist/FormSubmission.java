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
  public String getSubmittedBy() { return submittedBy; }
  public OffsetDateTime getSubmittedAt() { return submittedAt; }
}
