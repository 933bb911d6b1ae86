package ke.childprotection.it;

import static ke.childprotection.it.MissingChildCaseEndToEndTest.awaitTask;
import static ke.childprotection.it.MissingChildCaseEndToEndTest.report;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The tasklist hears of a new task the moment it is stored (server-sent events), not at the next
 * poll; the event says nothing about the task, and only users who may see the task hear of it.
 */
@IntegrationTest
class TaskNewsTest {
  @LocalServerPort int port;

  /** Lines of the stream up to the first that matches, or fails after the wait. */
  static List<String> until(BlockingQueue<String> lines, String wanted) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < end) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        seen.add(line);
        if (line.startsWith(wanted)) {
          return seen;
        }
      }
    }
    throw new AssertionError("no '" + wanted + "' in the stream; saw " + seen);
  }

  @Test
  void theCountysCaseworkerHearsOfANewTaskAndAnotherCountyDoesNot() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    Api otherCounty = new Api(port, "cw.mombasa");
    BlockingQueue<String> nairobi = new LinkedBlockingQueue<>();
    BlockingQueue<String> mombasa = new LinkedBlockingQueue<>();
    try (AutoCloseable a = caseworker.stream("/api/tasks/news", nairobi);
         AutoCloseable b = otherCounty.stream("/api/tasks/news", mombasa)) {
      until(nairobi, "event:ready");
      until(mombasa, "event:ready");

      String caseId = caseworker.ok(caseworker.post("/api/cases", report("Jeptoo", 10))).get("id").asText();
      List<String> heard = until(nairobi, "event:tasks");
      awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
      assertThat(String.join("\n", heard)).as("no task data in the event").doesNotContain("Jeptoo").doesNotContain(caseId);

      // The keep-alive comment is sent after that event on the same line of sending: Mombasa's stream
      // gets one, and no event before it.
      List<String> other = until(mombasa, ":");
      assertThat(other).noneMatch(line -> line.startsWith("event:tasks"));
    }
  }

  @Test
  void theNewsAreForSignedInUsersOnly() {
    Api nobody = new Api(port, "no.such.user", "wrong");
    assertThat(nobody.get("/api/tasks/news").status()).isEqualTo(401);
  }
}
