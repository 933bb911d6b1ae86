package ke.childprotection.tasklist;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** A human step of a case: the projection of one job-worker user task, keyed by its job key. */
@Entity
@Table(name = "user_task")
public class UserTask extends ke.childprotection.support.OwnIdEntity<Long> {
  public enum State { OPEN, COMPLETED, CANCELLED }

  @Id private Long jobKey;
  @Column(nullable = false) private UUID caseId;
  @Column(nullable = false) private String countyCode;
  @Column(nullable = false) private long processInstanceKey;
  @Column(nullable = false) private String bpmnProcessId;
  @Column(nullable = false) private String elementId;
  @Column(nullable = false) private String name;
  private String formId;
  private String assignee;
  private OffsetDateTime dueAt;
  private OffsetDateTime followUpAt;
  @Column(nullable = false) private OffsetDateTime createdAt;
  @Enumerated(EnumType.STRING) @Column(nullable = false) private State state;
  private OffsetDateTime endedAt;
  private String completedBy;
  @Column(nullable = false) private OffsetDateTime lockExpiresAt;
  @Column(nullable = false) private String inputData;
  private OffsetDateTime overdueNotifiedAt;
  /** The engine the job came from (see EngineBinding); null for tasks stored before engines were recorded. */
  private String engineId;
  /** The engine's instance of the user-task element this task stands for (null on rows stored before it was kept). */
  private Long elementInstanceKey;
  @jakarta.persistence.Version private long version;

  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "user_task_candidate_group", joinColumns = @JoinColumn(name = "job_key"))
  @Column(name = "group_name")
  private Set<String> candidateGroups = new HashSet<>();

  protected UserTask() {}

  @Override
  public Long getId() {
    return jobKey;
  }

  UserTask(String engineId, long jobKey, UUID caseId, String countyCode, long processInstanceKey, String bpmnProcessId,
      String elementId, String name, String formId, String assignee, Set<String> candidateGroups,
      OffsetDateTime dueAt, OffsetDateTime followUpAt, OffsetDateTime lockExpiresAt, String inputData) {
    madeHere();
    this.engineId = engineId;
    this.jobKey = jobKey;
    this.caseId = caseId;
    this.countyCode = countyCode;
    this.processInstanceKey = processInstanceKey;
    this.bpmnProcessId = bpmnProcessId;
    this.elementId = elementId;
    this.name = name;
    this.formId = formId;
    this.assignee = assignee;
    this.candidateGroups = new HashSet<>(candidateGroups);
    this.dueAt = dueAt;
    this.followUpAt = followUpAt;
    this.createdAt = OffsetDateTime.now();
    this.state = State.OPEN;
    this.lockExpiresAt = lockExpiresAt;
    this.inputData = inputData;
  }

  void standsFor(long elementInstanceKey) { this.elementInstanceKey = elementInstanceKey; }
  public Long getElementInstanceKey() { return elementInstanceKey; }

  void claim(String user) { this.assignee = user; }
  void unclaim() { this.assignee = null; }

  void complete(String user) {
    state = State.COMPLETED;
    completedBy = user;
    endedAt = OffsetDateTime.now();
  }

  void cancel() {
    state = State.CANCELLED;
    endedAt = OffsetDateTime.now();
  }

  public boolean isOpen() { return state == State.OPEN; }

  /** The same engine job: a redelivery, not a key reused by another engine. */
  boolean isSameJob(String engineId, long processInstanceKey, String elementId) {
    return engineId.equals(this.engineId) && this.processInstanceKey == processInstanceKey
        && this.elementId.equals(elementId);
  }
  public Long getJobKey() { return jobKey; }
  public UUID getCaseId() { return caseId; }
  public String getCountyCode() { return countyCode; }
  public long getProcessInstanceKey() { return processInstanceKey; }
  public String getBpmnProcessId() { return bpmnProcessId; }
  public String getElementId() { return elementId; }
  public String getName() { return name; }
  public String getFormId() { return formId; }
  public String getAssignee() { return assignee; }
  public Set<String> getCandidateGroups() { return candidateGroups; }
  public OffsetDateTime getDueAt() { return dueAt; }
  public OffsetDateTime getFollowUpAt() { return followUpAt; }
  public OffsetDateTime getCreatedAt() { return createdAt; }
  public State getState() { return state; }
  public OffsetDateTime getEndedAt() { return endedAt; }
  public String getCompletedBy() { return completedBy; }
  public OffsetDateTime getLockExpiresAt() { return lockExpiresAt; }
  public String getInputData() { return inputData; }
  public OffsetDateTime getOverdueNotifiedAt() { return overdueNotifiedAt; }
}
