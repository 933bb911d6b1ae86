package ke.childprotection.engine;

import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Start-up calls to an engine that may not be reachable yet (a cluster starting, a network blip). */
final class Retrying {
  private static final Logger log = LoggerFactory.getLogger(Retrying.class);
  private static final long PAUSE_MS = 2000;

  private Retrying() {}

  /** Calls {@code call} until the engine answers, at most {@code attempts} times, 2 s apart. */
  static <T> T untilReachable(Supplier<T> call, int attempts, String what) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (ClientStatusException e) {
        Status.Code code = e.getStatusCode();
        boolean transientFailure = code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
            || code == Status.Code.RESOURCE_EXHAUSTED;
        if (!transientFailure) {
          throw new IllegalStateException("The engine refused " + what + ": " + e.getMessage(), e);
        }
        if (attempt >= attempts) {
          throw new IllegalStateException("The engine was not reachable for " + what + " after " + attempts + " attempts", e);
        }
        log.warn("Engine not reachable yet for {} ({}), attempt {}/{}", what, e.getMessage(), attempt, attempts);
        Thread.sleep(PAUSE_MS);
      }
    }
  }
}
