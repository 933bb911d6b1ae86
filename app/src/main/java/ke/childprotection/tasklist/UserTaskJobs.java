package ke.childprotection.tasklist;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobWorker;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.engine.EngineBinding;
import ke.childprotection.engine.ProcessModels;
import ke.childprotection.engine.TransientFaultsAreRetried;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes every job-worker user task ({@code io.camunda.zeebe:userTask}) from the engine and stores it as
 * a task row, keyed by job key: a job delivered again updates the same row. The app holds the job for
 * {@code mcc.tasklist.job-lock} and renews it; it completes it when the user submits the form.
 */
@Component
class UserTaskJobs implements SmartLifecycle {
  static final String JOB_TYPE = "io.camunda.zeebe:userTask";
  private static final Logger log = LoggerFactory.getLogger(UserTaskJobs.class);
  private static final String HEADER = "io.camunda.zeebe:";

  private final CamundaClient client;
  private final ProcessModels models;
  private final UserTaskRepository tasks;
  private final ChildCaseRepository cases;
  private final CaseTimeline timeline;
  private final TaskReconciler reconciler;
  private final TaskEngine engine;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final EngineBinding binding;
  private final TransientFaultsAreRetried failures;
  private final boolean streaming;
  private final TaskNews news;
  private volatile JobWorker worker;

  UserTaskJobs(CamundaClient client, ProcessModels models, UserTaskRepository tasks, ChildCaseRepository cases,
      CaseTimeline timeline, TaskReconciler reconciler, TaskEngine engine, TransactionTemplate tx,
      ObjectMapper json, EngineBinding binding, TransientFaultsAreRetried failures,
      @org.springframework.beans.factory.annotation.Value("${camunda.client.worker.defaults.stream-enabled}") boolean streaming,
      TaskNews news) {
    this.news = news;
    this.streaming = streaming;
    this.binding = binding;
    this.failures = failures;
    this.client = client;
    this.models = models;
    this.tasks = tasks;
    this.cases = cases;
    this.timeline = timeline;
    this.reconciler = reconciler;
    this.engine = engine;
    this.tx = tx;
    this.json = json;
  }

  @Override
  public void start() {
    if (!binding.isBound()) {
      log.error("Tasklist worker not started: {}", binding.problem().orElse(""));
      return;
    }
    worker = client.newWorker().jobType(JOB_TYPE).handler(this::handleOrFail).name("tasklist")
        .timeout(engine.jobLock()).fetchVariables(List.of()).streamEnabled(streaming).open();
  }

  @Override
  public void stop() {
    if (worker != null) {
      worker.close();
      worker = null;
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }

  private void handleOrFail(JobClient jobClient, ActivatedJob job) {
    try {
      handle(jobClient, job);
    } catch (Exception e) {
      failures.fail(jobClient, job, e);
    }
  }

  void handle(JobClient jobClient, ActivatedJob job) {
    Map<String, Object> variables = job.getVariablesAsMap();
    Object caseIdValue = variables.get("caseId");
    if (caseIdValue == null) {
      throw new IllegalStateException("user task job " + job.getKey() + " has no caseId variable");
    }
    UUID caseId = UUID.fromString(caseIdValue.toString());
    Map<String, String> headers = job.getCustomHeaders();
    String formId = header(headers, "formKey").map(Long::parseLong).flatMap(models::formIdForKey).orElse(null);
    String name = models.elementName(job.getBpmnProcessId(), job.getElementId());
    OffsetDateTime lockExpires = OffsetDateTime.ofInstant(Instant.ofEpochMilli(job.getDeadline()), ZoneOffset.UTC);
    String engineId = binding.engineId().orElseThrow(() -> new IllegalStateException("engine not bound"));
    tx.executeWithoutResult(status -> {
      var stored = tasks.findById(job.getKey());
      if (stored.isPresent() && !stored.get().isSameJob(engineId, job.getProcessInstanceKey(), job.getElementId())) {
        // Job keys are unique within one engine's history only: this database has seen another engine.
        log.error("Job key {} is stored for process instance {} ({}) but the engine now uses it for {} ({}): "
            + "this database belongs to another engine's history. Point the app at its own engine or a fresh database.",
            job.getKey(), stored.get().getProcessInstanceKey(), stored.get().getElementId(), job.getProcessInstanceKey(),
            job.getElementId());
        throw new IllegalStateException("job key " + job.getKey() + " already stored for another process instance");
      }
      if (stored.isPresent()) {
        tasks.renewLock(job.getKey(), lockExpires);
        tasks.recordElement(job.getKey(), job.getElementInstanceKey());
      } else {
        String county = cases.countyOf(caseId).orElseThrow(() -> new IllegalStateException("no case " + caseId));
        UserTask task = new UserTask(engineId, job.getKey(), caseId, county, job.getProcessInstanceKey(), job.getBpmnProcessId(),
            job.getElementId(), name, formId, header(headers, "assignee").orElse(null), groups(headers),
            header(headers, "dueDate").map(UserTaskJobs::dateTime).orElse(null),
            header(headers, "followUpDate").map(UserTaskJobs::dateTime).orElse(null), lockExpires,
            inputData(formId, variables));
        task.standsFor(job.getElementInstanceKey());
        tasks.save(task);
        news.changed(task);
      }
      timeline.record(caseId, CaseEvent.Kind.STEP_STARTED, job.getElementId(), name, "system", null,
          "job:" + job.getKey() + ":started");
    });
    log.debug("task {} ({}) stored for process instance {}", job.getKey(), job.getElementId(), job.getProcessInstanceKey());
    // Without the engine's mirror, a new step of the case is when its other open tasks are checked (they
    // may have been interrupted meanwhile). Best effort: this job is stored, and a problem with another
    // task must not fail it (the timed check retries).
    try {
      reconciler.reconcileCase(caseId, job.getKey());
    } catch (RuntimeException e) {
      log.warn("could not reconcile the other tasks of the case of job {}: {}", job.getKey(), e.getMessage());
    }
  }

  /** Only the variables the task's form refers to are kept with the task (collect only what a step needs). */
  private String inputData(String formId, Map<String, Object> variables) {
    Set<String> words = formId == null ? Set.of() : models.formWords(formId);
    Map<String, Object> needed = new LinkedHashMap<>();
    variables.forEach((name, value) -> {
      if (words.contains(name)) {
        needed.put(name, value);
      }
    });
    try {
      return json.writeValueAsString(needed);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Set<String> groups(Map<String, String> headers) {
    return header(headers, "candidateGroups").map(value -> {
      try {
        return Set.copyOf(json.readValue(value, new TypeReference<List<String>>() {}));
      } catch (Exception e) {
        throw new IllegalStateException("candidateGroups header is not a JSON array: " + value, e);
      }
    }).orElse(Set.of());
  }

  private static java.util.Optional<String> header(Map<String, String> headers, String name) {
    return java.util.Optional.ofNullable(headers.get(HEADER + name)).filter(v -> !v.isBlank());
  }

  private static OffsetDateTime dateTime(String value) {
    return ZonedDateTime.parse(value, DateTimeFormatter.ISO_DATE_TIME).toOffsetDateTime();
  }
}
