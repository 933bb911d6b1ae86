package ke.childprotection.process;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.command.DeployResourceCommandStep1;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Drives a process instance in Zeebe Process Test's engine the way the app's workers and tasklist do. */
final class ProcessTestSupport {
  static final String USER_TASK = "io.camunda.zeebe:userTask";

  private final ZeebeTestEngine engine;
  private final ZeebeClient client;
  /** The case number of each started instance: a called process's jobs belong to the case by it. */
  private final Map<Long, Object> caseNumbers = new java.util.HashMap<>();

  ProcessTestSupport(ZeebeTestEngine engine, ZeebeClient client) {
    this.engine = engine;
    this.client = client;
  }

  /**
   * The policy the app hands each case ({@code mcc.policy.*} of application.yml), with a test's
   * overrides: process tests run on the configured deadlines, not on a copy of them.
   */
  static Map<String, Object> policy(String... overrides) {
    var yaml = new org.springframework.beans.factory.config.YamlMapFactoryBean();
    yaml.setResources(new org.springframework.core.io.ClassPathResource("application.yml"));
    @SuppressWarnings("unchecked")
    Map<String, Object> mcc = (Map<String, Object>) yaml.getObject().get("mcc");
    @SuppressWarnings("unchecked")
    Map<String, Object> policy = new java.util.HashMap<>((Map<String, Object>) mcc.get("policy"));
    for (int i = 0; i < overrides.length; i += 2) {
      policy.put(overrides[i], overrides[i + 1]);
    }
    return policy;
  }

  /** Deploys every model and form the app deploys (from the build's classpath copy of processes/ and forms/). */
  void deployAll() throws IOException {
    Path classes = Path.of("target/classes");
    List<Path> files;
    try (Stream<Path> processes = Files.list(classes.resolve("processes"));
         Stream<Path> forms = Files.list(classes.resolve("forms"))) {
      files = Stream.concat(processes, forms).filter(Files::isRegularFile)
          .filter(f -> f.toString().matches(".*\\.(bpmn|dmn|form)$")).sorted().toList();
    }
    DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
    for (Path file : files) {
      command = command == null
          ? client.newDeployResourceCommand().addResourceFile(file.toString())
          : command.addResourceFile(file.toString());
    }
    // Every model, decision and form in one deployment: on a busy machine it takes longer than a command's default 10 s.
    command.requestTimeout(Duration.ofMinutes(2)).send().join();
  }

  /** The case processes are started by a message (as the app does: one running instance per case number). */
  private static final Map<String, String> START_MESSAGES =
      Map.of("missing-child-case", "missing-child-reported", "found-child-case", "found-child-registered");

  ProcessInstanceEvent start(String processId, Map<String, Object> variables) {
    String startMessage = START_MESSAGES.get(processId);
    if (startMessage != null) {
      String caseNumber = variables.get("caseNumber").toString();
      client.newPublishMessageCommand().messageName(startMessage).correlationKey(caseNumber)
          .messageId("case-started:" + caseNumber).timeToLive(Duration.ofHours(1)).variables(variables)
          .send().join();
      return startedByMessage(processId, caseNumber);
    }
    ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
        .variables(variables).send().join();
    caseNumbers.put(instance.getProcessInstanceKey(), variables.get("caseNumber"));
    idle();
    return instance;
  }

  /** The instance of the process that a message started for this case number (message start events have no create command). */
  ProcessInstanceEvent startedByMessage(String processId, String caseNumber) {
    idle();
    var started = processesStarted(processId);
    if (started.isEmpty()) {
      throw new AssertionError("no " + processId + " instance was started");
    }
    var value = started.get(started.size() - 1);
    caseNumbers.put(value.getProcessInstanceKey(), caseNumber);
    return new ProcessInstanceEvent() {
      @Override public long getProcessDefinitionKey() { return value.getProcessDefinitionKey(); }
      @Override public String getBpmnProcessId() { return value.getBpmnProcessId(); }
      @Override public int getVersion() { return value.getVersion(); }
      @Override public long getProcessInstanceKey() { return value.getProcessInstanceKey(); }
      @Override public String getTenantId() { return value.getTenantId(); }
    };
  }

  /** How many instances of the process have been started in this test. */
  long instancesStarted(String processId) {
    idle();
    return processesStarted(processId).size();
  }

  private List<io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue> processesStarted(String processId) {
    return java.util.stream.StreamSupport.stream(io.camunda.zeebe.process.test.filters.RecordStream.of(engine.getRecordStreamSource())
            .processInstanceRecords().spliterator(), false)
        .filter(r -> r.getIntent() == io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent.ELEMENT_ACTIVATED)
        .map(r -> r.getValue())
        .filter(v -> v.getBpmnElementType() == io.camunda.zeebe.protocol.record.value.BpmnElementType.PROCESS
            && processId.equals(v.getBpmnProcessId()))
        .toList();
  }

  void idle() {
    try {
      engine.waitForIdleState(Duration.ofSeconds(5));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** How far the tests have moved the engine's clock (it runs at the wall clock's pace plus this). */
  private Duration timePassed = Duration.ZERO;

  /**
   * Moves the engine's clock and waits until every timer that is now due has fired (on a busy machine
   * the engine's due-date checker can run seconds after the move; "idle" alone would let a test look
   * before it has). Fails, naming the timers, if a due timer never fires.
   */
  void passTime(Duration duration) {
    idle();
    engine.increaseTime(duration);
    timePassed = timePassed.plus(duration);
    try {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
          .until(() -> {
            idle();
            return openTimers().stream().noneMatch(this::isDue);
          });
    } catch (org.awaitility.core.ConditionTimeoutException timeout) {
      throw new AssertionError("due timers did not fire after passing " + duration + ": " + describeOpenTimers());
    }
    idle();
  }

  private boolean isDue(io.camunda.zeebe.protocol.record.Record<io.camunda.zeebe.protocol.record.value.TimerRecordValue> timer) {
    return timer.getValue().getDueDate() <= System.currentTimeMillis() + timePassed.toMillis();
  }

  /** Timers created and neither triggered nor cancelled yet. */
  private List<io.camunda.zeebe.protocol.record.Record<io.camunda.zeebe.protocol.record.value.TimerRecordValue>> openTimers() {
    Map<Long, io.camunda.zeebe.protocol.record.Record<io.camunda.zeebe.protocol.record.value.TimerRecordValue>> open =
        new java.util.LinkedHashMap<>();
    for (var timer : io.camunda.zeebe.process.test.filters.RecordStream.of(engine.getRecordStreamSource()).timerRecords()) {
      if (timer.getRecordType() != io.camunda.zeebe.protocol.record.RecordType.EVENT) {
        continue;
      }
      switch ((io.camunda.zeebe.protocol.record.intent.TimerIntent) timer.getIntent()) {
        case CREATED -> open.put(timer.getKey(), timer);
        case TRIGGERED, CANCELED -> open.remove(timer.getKey());
        default -> { }
      }
    }
    return List.copyOf(open.values());
  }

  /** The open timers with their due dates against the engine's clock (for a failure's message). */
  private String describeOpenTimers() {
    java.time.Instant now = java.time.Instant.now().plus(timePassed);
    return "engine clock " + now + ", open timers " + openTimers().stream()
        .map(t -> t.getValue().getTargetElementId() + " due " + java.time.Instant.ofEpochMilli(t.getValue().getDueDate()))
        .toList();
  }

  /** Completes the one open job of the given type for the instance (a service task worker). */
  ActivatedJob completeJob(ProcessInstanceEvent instance, String type, Map<String, Object> variables) {
    ActivatedJob job = activated(instance, type, null);
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    idle();
    return job;
  }

  /** Completes the open user task at the element, as the tasklist does (form data plus completedBy). */
  ActivatedJob completeUserTask(ProcessInstanceEvent instance, String elementId, Map<String, Object> formData) {
    ActivatedJob job = activated(instance, USER_TASK, elementId);
    Map<String, Object> variables = new java.util.HashMap<>(formData);
    variables.put("completedBy", "cw.test");
    client.newCompleteCommand(job.getKey()).variables(variables).send().join();
    idle();
    return job;
  }

  /** Completes every open user task at the element (a multi-instance), each with data chosen from its own variables. */
  void completeUserTasks(ProcessInstanceEvent instance, String elementId, int expected,
      java.util.function.Function<ActivatedJob, Map<String, Object>> formData) {
    List<ActivatedJob> all = client.newActivateJobsCommand().jobType(USER_TASK).maxJobsToActivate(100)
        .timeout(Duration.ofMinutes(1)).send().join().getJobs();
    List<ActivatedJob> jobs = all.stream().filter(j -> j.getProcessInstanceKey() == instance.getProcessInstanceKey()
        && elementId.equals(j.getElementId())).toList();
    all.stream().filter(j -> !jobs.contains(j)).forEach(j -> client.newFailCommand(j.getKey()).retries(j.getRetries()).send().join());
    if (jobs.size() != expected) {
      throw new AssertionError("expected " + expected + " user tasks at " + elementId + " but found " + jobs.size());
    }
    for (ActivatedJob job : jobs) {
      Map<String, Object> variables = new java.util.HashMap<>(formData.apply(job));
      variables.put("completedBy", "ctip.test");
      client.newCompleteCommand(job.getKey()).variables(variables).send().join();
      idle();
    }
  }

  /** Looks at the open user task at the element (its headers) and leaves it open. */
  ActivatedJob userTask(ProcessInstanceEvent instance, String elementId) {
    ActivatedJob job = activated(instance, USER_TASK, elementId);
    client.newFailCommand(job.getKey()).retries(job.getRetries()).send().join();
    idle();
    return job;
  }

  void publish(String message, String correlationKey, Map<String, Object> variables) {
    client.newPublishMessageCommand().messageName(message).correlationKey(correlationKey).variables(variables)
        .send().join();
    idle();
  }

  /**
   * The one open job of the type (at the element) for the instance. The test engine can say "idle" a
   * moment before a job it is creating can be activated: when there is none yet, it is asked again for
   * a while (a busy machine), never more than one accepted.
   */
  private ActivatedJob activated(ProcessInstanceEvent instance, String type, String elementId) {
    AssertionError[] last = new AssertionError[1];
    ActivatedJob[] found = new ActivatedJob[1];
    try {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
        try {
          found[0] = activatedOnce(instance, type, elementId);
          return true;
        } catch (NoJobYet none) {
          last[0] = none;
          return false;
        }
      });
    } catch (org.awaitility.core.ConditionTimeoutException timeout) {
      throw new AssertionError(last[0].getMessage() + " (" + describeOpenTimers() + ")", last[0]);
    }
    return found[0];
  }

  /** None of the jobs asked for is there (yet). */
  private static final class NoJobYet extends AssertionError {
    NoJobYet(String message) {
      super(message);
    }
  }

  private ActivatedJob activatedOnce(ProcessInstanceEvent instance, String type, String elementId) {
    List<ActivatedJob> all = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(100)
        .timeout(Duration.ofMinutes(1)).send().join().getJobs();
    List<ActivatedJob> jobs = all.stream()
        .filter(j -> j.getProcessInstanceKey() == instance.getProcessInstanceKey()
            || (caseNumbers.get(instance.getProcessInstanceKey()) != null
                && caseNumbers.get(instance.getProcessInstanceKey()).equals(j.getVariablesAsMap().get("caseNumber"))))
        .filter(j -> elementId == null || elementId.equals(j.getElementId()))
        .toList();
    // Hand back every job not asked for, unchanged (same retries), so later steps can take it.
    all.stream().filter(j -> !jobs.contains(j) || jobs.size() != 1)
        .forEach(j -> client.newFailCommand(j.getKey()).retries(j.getRetries()).send().join());
    if (jobs.isEmpty()) {
      throw new NoJobYet("expected one " + type + " job" + (elementId == null ? "" : " at " + elementId) + " but found 0");
    }
    if (jobs.size() != 1) {
      throw new AssertionError("expected one " + type + " job" + (elementId == null ? "" : " at " + elementId)
          + " but found " + jobs.size());
    }
    return jobs.get(0);
  }
}
