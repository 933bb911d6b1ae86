package ke.childprotection.tasklist;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The engine's side of a user task: renew the app's hold on its job, complete it. */
@Component
class TaskEngine {
  /** The job no longer exists in the engine: it was completed elsewhere or a boundary event cancelled it. */
  static class JobGone extends RuntimeException {
    JobGone(long jobKey) {
      super("job " + jobKey + " no longer exists");
    }
  }

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
