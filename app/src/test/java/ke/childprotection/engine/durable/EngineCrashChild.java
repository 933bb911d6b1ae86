package ke.childprotection.engine.durable;

import io.camunda.zeebe.client.ZeebeClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs in a JVM of its own for {@link DurableEngineTest}: opens the engine in the given directory,
 * starts the given number of instances of the test process, activates their jobs, prints the keys
 * and waits to be killed (SIGKILL: no stop, no last snapshot).
 */
public final class EngineCrashChild {
  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } catch (Throwable e) {
      e.printStackTrace(System.out);
      System.exit(1);
    }
  }

  private static void run(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    int instances = Integer.parseInt(args[1]);
    DurableEngine engine = DurableEngine.open(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        new DurableEngine.Settings(64 * 1024, 16L * 1024 * 1024));
    engine.start();
    try (ZeebeClient client = engine.createClient(DurableEngineTest.PATIENT)) {
      DurableEngineTest.deploy(client);
      for (int i = 0; i < instances; i++) {
        long instance = client.newCreateInstanceCommand().bpmnProcessId(DurableEngineTest.PROCESS).latestVersion()
            .send().join().getProcessInstanceKey();
        System.out.println("instance=" + instance);
      }
      // a snapshot half-way: the restart starts from it and replays the rest of the log
      engine.snapshot();
      int activated = 0;
      while (activated < instances) {
        for (var job : client.newActivateJobsCommand().jobType(DurableEngineTest.JOB_TYPE).maxJobsToActivate(instances)
            .timeout(Duration.ofMinutes(10)).send().join().getJobs()) {
          System.out.println("job=" + job.getKey() + ":" + job.getProcessInstanceKey() + ":" + job.getDeadline());
          activated++;
        }
      }
    }
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
