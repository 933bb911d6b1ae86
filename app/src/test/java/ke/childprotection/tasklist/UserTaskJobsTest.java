package ke.childprotection.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A stored task tells a redelivered job from a job key that another engine reused. */
class UserTaskJobsTest {
  @Test
  void aRedeliveryIsTheSameJobAReusedKeyIsNot() {
    UserTask stored = new UserTask("engine-a", 42L, UUID.randomUUID(), "047", 1001L, "missing-child-case", "Task_AssessRisk",
        "Assess risk", "risk-assessment", null, Set.of("caseworker"), null, null, OffsetDateTime.now(), "{}");
    assertThat(stored.isSameJob("engine-a", 1001L, "Task_AssessRisk")).isTrue();
    assertThat(stored.isSameJob("engine-a", 2002L, "Task_VerifyIdentity")).isFalse();
    assertThat(stored.isSameJob("engine-a", 1001L, "Task_VerifyIdentity")).isFalse();
    assertThat(stored.isSameJob("engine-b", 1001L, "Task_AssessRisk")).as("the same key in another engine").isFalse();
  }
}
