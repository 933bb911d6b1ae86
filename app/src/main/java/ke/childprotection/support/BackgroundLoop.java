package ke.childprotection.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that runs a round of work every so often, and sooner when woken. A round that
 * fails is logged and the next one tries again (a database or engine that is away comes back).
 */
public final class BackgroundLoop {
  private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);

  private final String name;
  private final Duration interval;
  private final Runnable round;
  private volatile ScheduledExecutorService executor;

  public BackgroundLoop(String name, Duration interval, Runnable round) {
    this.name = name;
    this.interval = interval;
    this.round = round;
  }

  public synchronized void start() {
    if (executor != null) {
      return;
    }
    ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    started.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    executor = started;
  }

  /** Runs a round soon, on the loop's thread (does nothing when stopped). */
  public void wake() {
    ScheduledExecutorService running = executor;
    if (running != null) {
      try {
        running.execute(this::runQuietly);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        // stopped meanwhile: the next start (or the final round) takes it
      }
    }
  }

  /** Stops the loop after the round under way (waits up to 10 s). */
  public synchronized void stop() {
    ScheduledExecutorService running = executor;
    executor = null;
    if (running != null) {
      running.shutdown();
      try {
        running.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public boolean isRunning() {
    return executor != null;
  }

  private void runQuietly() {
    try {
      round.run();
    } catch (RuntimeException e) {
      log.warn("{}: round failed, trying again later: {}", name, e.toString());
    }
  }

  /** The wait after the given failed attempt (1, 2, …): {@code first}, doubling each time, at most {@code max}. */
  public static Duration doubling(Duration first, Duration max, int attempt) {
    Duration wait = first.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
