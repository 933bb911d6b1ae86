package ke.childprotection.tasklist;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The engine's side of a user task: renew the app's hold on its job, complete it, hand it out again. */
@Component
class TaskEngine {
  /** The job no longer exists in the engine: it was completed elsewhere or a boundary event cancelled it. */
  static class JobGone extends RuntimeException {
    JobGone(long jobKey) {
      super("job " + jobKey + " no longer exists");
    }
  }

  /** What became of one renewal of a batch. */
  enum Renewal { RENEWED, GONE, FAILED }

  private final CamundaClient client;
  private final Duration jobLock;

  TaskEngine(CamundaClient client, @Value("${mcc.tasklist.job-lock}") Duration jobLock) {
    this.client = client;
    this.jobLock = jobLock;
  }

  Duration jobLock() {
    return jobLock;
  }

  void renew(long jobKey) {
    try {
      client.newUpdateTimeoutCommand(jobKey).timeout(jobLock).send().join();
    } catch (ClientStatusException e) {
      throw gone(jobKey, e);
    }
  }

  /** Renews many jobs at once: every command is sent before any answer is awaited. */
  Map<Long, Renewal> renewAll(List<Long> jobKeys) {
    Map<Long, CompletableFuture<?>> sent = new LinkedHashMap<>();
    jobKeys.forEach(key -> sent.put(key, client.newUpdateTimeoutCommand(key).timeout(jobLock).send().toCompletableFuture()));
    Map<Long, Renewal> outcome = new LinkedHashMap<>();
    sent.forEach((key, answer) -> {
      try {
        answer.join();
        outcome.put(key, Renewal.RENEWED);
      } catch (CompletionException | ClientStatusException e) {
        Throwable cause = e instanceof CompletionException ? e.getCause() : e;
        outcome.put(key, cause instanceof ClientStatusException status && status.getStatusCode() == Status.Code.NOT_FOUND
            ? Renewal.GONE : Renewal.FAILED);
      }
    });
    return outcome;
  }

  /**
   * Ends the hold on a job the app activated but never stored, so that the engine hands it out again
   * (to the tasklist's worker). False when the engine refused: the job is not activated (it waits for a
   * retry, or has an incident) or is gone.
   */
  boolean handOutAgain(long jobKey) {
    try {
      client.newUpdateTimeoutCommand(jobKey).timeout(Duration.ofMillis(1)).send().join();
      return true;
    } catch (ClientStatusException e) {
      return false;
    }
  }

  void complete(long jobKey, Map<String, Object> variables) {
    try {
      client.newCompleteCommand(jobKey).variables(variables).send().join();
    } catch (ClientStatusException e) {
      throw gone(jobKey, e);
    }
  }

  private static RuntimeException gone(long jobKey, ClientStatusException e) {
    return e.getStatusCode() == Status.Code.NOT_FOUND ? new JobGone(jobKey) : e;
  }
}
