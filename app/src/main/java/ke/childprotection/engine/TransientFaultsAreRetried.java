package ke.childprotection.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.DefaultJobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.grpc.Status;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.NonTransientDataAccessResourceException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * What a job worker's failure does. A fault of the surroundings — the database away or busy, the engine
 * unavailable or overloaded — is not the case's problem: the job is failed with its retries untouched
 * and a backoff, and runs again when the fault has passed (never an incident for a database hiccup).
 * Any other failure uses up one retry, with a backoff, so that only a problem that persists becomes an
 * incident. BPMN errors and explicit job errors keep the starter's handling.
 */
@Component
public class TransientFaultsAreRetried implements JobExceptionHandlingStrategy {
  private static final Logger log = LoggerFactory.getLogger(TransientFaultsAreRetried.class);

  private final JobExceptionHandlingStrategy starterDefault;
  private final Duration transientBackoff;
  private final Duration failureBackoff;

  TransientFaultsAreRetried(CommandExceptionHandlingStrategy commands, MetricsRecorder metrics,
      @Value("${mcc.workers.transient-backoff}") Duration transientBackoff,
      @Value("${mcc.workers.failure-backoff}") Duration failureBackoff) {
    this.starterDefault = new DefaultJobExceptionHandlingStrategy(commands, metrics);
    this.transientBackoff = transientBackoff;
    this.failureBackoff = failureBackoff;
  }

  @Override
  public void handleException(Exception exception, ExceptionHandlingContext context) throws Exception {
    if (exception instanceof BpmnError || exception instanceof JobError) {
      starterDefault.handleException(exception, context);
      return;
    }
    fail(context.jobClient(), context.job(), exception);
  }

  /** Fails the job as described above (also for workers opened without the starter, as the tasklist's). */
  public void fail(io.camunda.client.api.worker.JobClient jobClient, io.camunda.client.api.response.ActivatedJob job,
      Exception exception) {
    boolean transientFault = isTransient(exception);
    int retries = transientFault ? Math.max(job.getRetries(), 1) : job.getRetries() - 1;
    Duration backoff = transientFault ? transientBackoff : failureBackoff;
    String message = (transientFault ? "transient: " : "") + exception;
    Throwable root = exception;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // The root cause's type only: its message may carry a child's data.
    log.warn("Job {} ({}) failed{}; retries left {}, again in {}: {} (root cause {})", job.getKey(), job.getType(),
        transientFault ? " for a passing fault" : "", retries, backoff, exception.toString(), root.getClass().getName());
    jobClient.newFailCommand(job.getKey()).retries(retries)
        .errorMessage(message.length() > 1000 ? message.substring(0, 1000) : message).retryBackoff(backoff).send()
        .exceptionally(e -> {
          // the job times out and comes back: nothing is lost
          log.warn("Could not fail job {} ({}); it will time out and run again", job.getKey(), e.toString());
          return null;
        });
  }

  /** Connection exceptions, insufficient resources, admin shutdown / cannot connect now, serialization failure, deadlock. */
  private static final java.util.List<String> TRANSIENT_SQL_STATES = java.util.List.of("08", "53", "57P", "40001", "40P01");

  static boolean isTransient(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
          || t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
          || t instanceof TransactionSystemException || t instanceof NonTransientDataAccessResourceException
          || t instanceof java.sql.SQLTransientException || t instanceof java.sql.SQLRecoverableException
          || t instanceof java.net.ConnectException
          // the connection broke under a transaction: its rollback fails too, and that is what surfaces
          || t instanceof org.hibernate.TransactionException || t instanceof org.hibernate.exception.JDBCConnectionException) {
        return true;
      }
      if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && TRANSIENT_SQL_STATES.stream()
          .anyMatch(sql.getSQLState()::startsWith)) {
        return true;
      }
      if (t instanceof ClientStatusException status && (status.getStatusCode() == Status.Code.UNAVAILABLE
          || status.getStatusCode() == Status.Code.RESOURCE_EXHAUSTED || status.getStatusCode() == Status.Code.DEADLINE_EXCEEDED)) {
        return true;
      }
    }
    return false;
  }
}
