package ke.childprotection.bench;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.ZeebeFuture;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.stream.Stream;
import ke.childprotection.engine.durable.DurableEngine;
import org.junit.jupiter.api.Test;

/**
 * How long the in-process engine takes to come back with N open cases (deploy/engine-benchmark.sh).
 * Each open case is a process instance waiting at a human step with a reminder and an escalation
 * timer, as the case processes do. Prints, for each N: how fast the instances were created, the
 * restart after a clean stop (from its last snapshot), and the restart after a crash with every
 * instance still in the log's tail (the worst case: no snapshot since they were created; the app
 * snapshots every minute). Measures; asserts nothing about time.
 */
class EngineRestartBenchmark {
  private static final String PROCESS = "bench-open-case";

  @Test
  void restartTimes() throws Exception {
    int[] sizes = Arrays.stream(System.getProperty("bench.open", "1000,10000").split(",")).mapToInt(Integer::parseInt).toArray();
    System.out.println("engine benchmark   open cases   created/s   clean restart ms   crash restart ms (all in the log tail)   disk MB");
    for (int size : sizes) {
      Path dir = Files.createTempDirectory("mcc-engine-bench-");
      try {
        long created = createOpenCases(dir, size, false);
        long clean = restartMillis(dir);
        Path crashDir = Files.createTempDirectory("mcc-engine-bench-crash-");
        createOpenCases(crashDir, size, true);
        long crash = restartMillis(crashDir);
        long mb = diskBytes(dir) / (1024 * 1024);
        delete(crashDir);
        System.out.printf("engine benchmark   %10d   %9d   %16d   %38d   %7d%n", size, created, clean, crash, mb);
      } finally {
        delete(dir);
      }
    }
  }

  private static DurableEngine open(Path dir) {
    return DurableEngine.open(dir, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), DurableEngine.Settings.defaults());
  }

  /** Creates the instances; returns instances per second. */
  private static long createOpenCases(Path dir, int size, boolean crash) {
    DurableEngine engine = open(dir);
    engine.start();
    long started;
    try (ZeebeClient client = engine.createClient(Duration.ofMinutes(2))) {
      BpmnModelInstance model = Bpmn.createExecutableProcess(PROCESS).startEvent()
          .userTask("step").boundaryEvent("reminder", b -> b.timerWithDuration("P1D").cancelActivity(false)).endEvent()
          .moveToActivity("step").boundaryEvent("escalation", b -> b.timerWithDuration("P7D")).endEvent()
          .moveToActivity("step").endEvent().done();
      client.newDeployResourceCommand().addProcessModel(model, PROCESS + ".bpmn").send().join();
      started = System.nanoTime();
      Deque<ZeebeFuture<?>> inFlight = new ArrayDeque<>();
      for (int i = 0; i < size; i++) {
        if (inFlight.size() >= 64) {
          inFlight.removeFirst().join();
        }
        inFlight.add(client.newCreateInstanceCommand().bpmnProcessId(PROCESS).latestVersion().send());
      }
      inFlight.forEach(ZeebeFuture::join);
    } finally {
      if (crash) {
        engine.halt();
      } else {
        engine.stop();
      }
    }
    return Math.round(size / ((System.nanoTime() - started) / 1e9));
  }

  private static long restartMillis(Path dir) {
    long begin = System.nanoTime();
    DurableEngine engine = open(dir);
    engine.start();
    try (ZeebeClient client = engine.createClient(Duration.ofMinutes(2))) {
      // back means serving again: a waiting step's job is handed out (after the replay)
      if (client.newActivateJobsCommand().jobType("io.camunda.zeebe:userTask").maxJobsToActivate(1)
          .timeout(Duration.ofMinutes(1)).requestTimeout(Duration.ofMinutes(10)).send().join().getJobs().isEmpty()) {
        throw new AssertionError("no open step after the restart");
      }
      return (System.nanoTime() - begin) / 1_000_000;
    } finally {
      engine.stop();
    }
  }

  private static long diskBytes(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
