package ke.childprotection.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** Which failures of a job worker are passing faults (retried, retries kept) and which use up a retry. */
class TransientFaultsAreRetriedTest {
  @Test
  void faultsOfTheSurroundingsArePassing() {
    assertThat(TransientFaultsAreRetried.isTransient(new CannotGetJdbcConnectionException("pool empty",
        new SQLException("connection refused", "08001")))).isTrue();
    assertThat(TransientFaultsAreRetried.isTransient(new IllegalStateException("wrapped",
        new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    assertThat(TransientFaultsAreRetried.isTransient(new org.springframework.orm.jpa.JpaSystemException(
        new org.hibernate.TransactionException("Unable to rollback against JDBC Connection")))).isTrue();
    assertThat(TransientFaultsAreRetried.isTransient(new ClientStatusException(Status.UNAVAILABLE, null))).isTrue();
    assertThat(TransientFaultsAreRetried.isTransient(new ClientStatusException(Status.RESOURCE_EXHAUSTED, null))).isTrue();
  }

  @Test
  void problemsOfTheCaseAreNot() {
    assertThat(TransientFaultsAreRetried.isTransient(new IllegalStateException("user task job has no caseId variable"))).isFalse();
    assertThat(TransientFaultsAreRetried.isTransient(new DataIntegrityViolationException("duplicate key",
        new SQLException("duplicate key value", "23505")))).isFalse();
    assertThat(TransientFaultsAreRetried.isTransient(new ClientStatusException(Status.INVALID_ARGUMENT, null))).isFalse();
  }
}
