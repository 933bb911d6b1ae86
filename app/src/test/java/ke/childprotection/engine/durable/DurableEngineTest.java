package ke.childprotection.engine.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.process.test.filters.RecordStream;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.intent.TimerIntent;
import io.camunda.zeebe.protocol.record.value.TimerRecordValue;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process engine keeps its state across a clean stop and a kill -9: instances, activated jobs
 * with their keys and deadlines, timers with their due dates, and the key sequence.
 */
class DurableEngineTest {
  static final String PROCESS = "durable-test";
  static final String JOB_TYPE = "durable-test.work";
  private static final Duration TIMER = Duration.ofSeconds(20);
  private static final DurableEngine.Settings SMALL = new DurableEngine.Settings(64 * 1024, 16L * 1024 * 1024);

  /** How long a test's command may wait for the engine on a busy 2-core machine (the client's default is 10 s). */
  static final Duration PATIENT = Duration.ofMinutes(2);

  @TempDir Path directory;

  static void deploy(ZeebeClient client) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS)
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobType(JOB_TYPE))
        .boundaryEvent("late", b -> b.timerWithDuration(TIMER.toString()).cancelActivity(true))
        .endEvent("ended-late")
        .moveToActivity("work")
        .endEvent("done")
        .done();
    client.newDeployResourceCommand().addProcessModel(model, PROCESS + ".bpmn").send().join();
  }

  private DurableEngine open(DurableEngine.Settings settings) {
    DurableEngine engine = DurableEngine.open(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), settings);
    engine.start();
    return engine;
  }

  @Test
  void aCleanStopKeepsInstancesJobsAndKeys() {
    long jobKey;
    long instanceKey;
    DurableEngine engine = open(SMALL);
    try (ZeebeClient client = engine.createClient(PATIENT)) {
      deploy(client);
      instanceKey = client.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion().send().join()
          .getProcessInstanceKey();
      jobKey = activateOne(client).getKey();
    } finally {
      engine.stop();
    }

    engine = open(SMALL);
    try (ZeebeClient client = engine.createClient(PATIENT)) {
      // still activated (10 minutes): not handed out again, and completing it by its old key works
      assertThat(client.newActivateJobsCommand().jobType(JOB_TYPE).maxJobsToActivate(10).send().join().getJobs()).isEmpty();
      client.newCompleteCommand(jobKey).send().join();
      long next = client.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion().send().join()
          .getProcessInstanceKey();
      assertThat(next).isGreaterThan(Math.max(instanceKey, jobKey));
      assertThat(completed(engine, instanceKey)).isTrue();
    } finally {
      engine.stop();
    }
  }

  @Test
  void aKilledEngineComesBackWithItsJobsAndTimersAtTheirOriginalDueTime() throws Exception {
    int instances = 5;
    Process child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
        EngineCrashChild.class.getName(), directory.toString(), String.valueOf(instances))
        .redirectErrorStream(true).start();
    List<Long> instanceKeys = new ArrayList<>();
    Map<Long, Long> jobByInstance = new HashMap<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        if (line.startsWith("instance=")) {
          instanceKeys.add(Long.parseLong(line.substring(9)));
        } else if (line.startsWith("job=")) {
          String[] parts = line.substring(4).split(":");
          jobByInstance.put(Long.parseLong(parts[1]), Long.parseLong(parts[0]));
        }
      }
      assertThat(line).as("the child engine got ready").isEqualTo("READY");
    } finally {
      child.destroyForcibly(); // SIGKILL: no clean stop, no last snapshot
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(instanceKeys).hasSize(instances);
    assertThat(jobByInstance).hasSize(instances);

    long restartedAt = System.currentTimeMillis();
    DurableEngine engine = open(SMALL);
    try (ZeebeClient client = engine.createClient(PATIENT)) {
      assertThat(engine.snapshotPosition()).as("recovered from the snapshot taken before the kill").isPositive();
      assertThat(client.newActivateJobsCommand().jobType(JOB_TYPE).maxJobsToActivate(10).send().join().getJobs())
          .as("the activated jobs are still held").isEmpty();
      // the first three: completed by their keys from before the kill
      for (long instance : instanceKeys.subList(0, 3)) {
        client.newCompleteCommand(jobByInstance.get(instance)).send().join();
      }
      // the other two: their timers fire at the due date set before the kill
      Map<Long, Long> dueByInstance = new HashMap<>();
      Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        for (long instance : instanceKeys.subList(3, 5)) {
          assertThat(timers(engine, instance, TimerIntent.TRIGGERED)).isNotEmpty();
        }
      });
      for (long instance : instanceKeys.subList(3, 5)) {
        Record<TimerRecordValue> triggered = timers(engine, instance, TimerIntent.TRIGGERED).get(0);
        dueByInstance.put(instance, triggered.getValue().getDueDate());
        assertThat(triggered.getTimestamp()).isGreaterThanOrEqualTo(triggered.getValue().getDueDate());
      }
      // the due dates were set when the instances were created, before the kill: not re-armed at restart
      for (long due : dueByInstance.values()) {
        assertThat(due).isLessThanOrEqualTo(restartedAt + TIMER.toMillis() - 1);
      }
      long next = client.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion().send().join()
          .getProcessInstanceKey();
      assertThat(next).isGreaterThan(jobByInstance.values().stream().mapToLong(Long::longValue).max().orElseThrow());
      for (long instance : instanceKeys.subList(0, 3)) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> completed(engine, instance));
      }
    } finally {
      engine.stop();
    }
  }

  @Test
  void snapshotsDeleteTheLogBehindThemAndTheEngineStillRecovers() {
    DurableEngine.Settings tiny = new DurableEngine.Settings(8 * 1024, 16L * 1024 * 1024);
    List<Long> jobs = new ArrayList<>();
    DurableEngine engine = open(tiny);
    try (ZeebeClient client = engine.createClient(PATIENT)) {
      deploy(client);
      for (int i = 0; i < 40; i++) {
        client.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion().send().join();
      }
      while (jobs.size() < 40) {
        client.newActivateJobsCommand().jobType(JOB_TYPE).maxJobsToActivate(40).timeout(Duration.ofMinutes(10)).send()
            .join().getJobs().forEach(job -> jobs.add(job.getKey()));
      }
      assertThat(engine.snapshot()).isPositive();
    } finally {
      engine.stop();
    }
    FileLogStorage log = FileLogStorage.open(directory.resolve("log"), tiny.logSegmentSize());
    try {
      assertThat(log.firstPosition()).as("the log before the snapshot is gone").isGreaterThan(1);
    } finally {
      log.close();
    }
    engine = open(tiny);
    try (ZeebeClient client = engine.createClient(PATIENT)) {
      for (long job : jobs) {
        client.newCompleteCommand(job).send().join();
      }
    } finally {
      engine.stop();
    }
  }

  @Test
  void aReaderGetsTheRecordsOnceAndTheLogItHasNotReadIsKept() {
    DurableEngine.Settings tiny = new DurableEngine.Settings(8 * 1024, 16L * 1024 * 1024);
    DurableEngine engine = open(tiny);
    try (ZeebeClient client = engine.createClient(PATIENT)) {
      engine.retainLogFrom(0);
      deploy(client);
      for (int i = 0; i < 40; i++) {
        client.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion().send().join();
      }
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jobsOf(engine) == 40);
      long processed = engine.snapshot();
      assertThat(processed).isPositive();
      assertThat(engine.firstLogPosition()).as("nothing read yet: the whole log is kept").isEqualTo(1);

      List<Long> activated = new ArrayList<>();
      long read = readAll(engine, 0, activated);
      assertThat(activated).as("each instance's service task, once").hasSize(40).doesNotHaveDuplicates();
      assertThat(readAll(engine, read, new ArrayList<>())).as("nothing new after the last record read").isEqualTo(read);

      engine.retainLogFrom(read);
      client.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion().send().join();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jobsOf(engine) == 41);
      engine.snapshot();
      assertThat(engine.firstLogPosition()).as("the log the reader has read is deleted").isGreaterThan(1)
          .isLessThanOrEqualTo(read);
      List<Long> more = new ArrayList<>();
      readAll(engine, read, more);
      assertThat(more).as("what came after is still there to read").hasSize(1).doesNotContainAnyElementsOf(activated);
    } finally {
      engine.stop();
    }
  }

  private static long jobsOf(DurableEngine engine) {
    return StreamSupport.stream(engine.getRecordStreamSource().getRecords().spliterator(), false)
        .filter(r -> r.getValueType() == io.camunda.zeebe.protocol.record.ValueType.JOB
            && r.getIntent() == io.camunda.zeebe.protocol.record.intent.JobIntent.CREATED)
        .count();
  }

  /** Reads in small batches from {@code after}; collects the service tasks activated; returns the last position. */
  private static long readAll(DurableEngine engine, long after, List<Long> activated) {
    long position = after;
    while (true) {
      long last = engine.readAfter(position, 7,
          (type, valueType, intent) -> type == io.camunda.zeebe.protocol.record.RecordType.EVENT
              && valueType == io.camunda.zeebe.protocol.record.ValueType.PROCESS_INSTANCE
              && intent == io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent.ELEMENT_ACTIVATED,
          record -> {
            var value = (io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue) record.getValue();
            if (value.getElementId().equals("work")) {
              activated.add(record.getKey());
            }
          });
      if (last == position) {
        return last;
      }
      position = last;
    }
  }

  @Test
  void oneDirectoryServesOneEngineAtATime() {
    DurableEngine engine = open(SMALL);
    try {
      assertThatThrownBy(() -> DurableEngine.open(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SMALL))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another process");
    } finally {
      engine.stop();
    }
  }

  private static io.camunda.zeebe.client.api.response.ActivatedJob activateOne(ZeebeClient client) {
    return Awaitility.await().atMost(Duration.ofSeconds(30)).until(
        () -> client.newActivateJobsCommand().jobType(JOB_TYPE).maxJobsToActivate(1).timeout(Duration.ofMinutes(10))
            .send().join().getJobs(), jobs -> !jobs.isEmpty()).get(0);
  }

  private static boolean completed(DurableEngine engine, long instanceKey) {
    return StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource()).processInstanceRecords().spliterator(), false)
        .anyMatch(r -> r.getValue().getProcessInstanceKey() == instanceKey && r.getValue().getElementId().equals("done")
            && r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED);
  }

  private static List<Record<TimerRecordValue>> timers(DurableEngine engine, long instanceKey, TimerIntent intent) {
    return StreamSupport.stream(RecordStream.of(engine.getRecordStreamSource()).timerRecords().spliterator(), false)
        .filter(r -> r.getValue().getProcessInstanceKey() == instanceKey && r.getIntent() == intent).toList();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString() + (File.separatorChar == '\\' ? ".exe" : "");
  }
}
