package ke.childprotection.support;

import org.springframework.context.SmartLifecycle;

/**
 * A component whose work is a {@link BackgroundLoop} started with the application (with a round at
 * once: what waited while the app was down goes first) and stopped with it.
 */
public interface RunsInBackground extends SmartLifecycle {
  /** The component's loop. */
  BackgroundLoop loop();

  @Override
  default void start() {
    loop().start();
    loop().wake();
  }

  @Override
  default void stop() {
    loop().stop();
  }

  @Override
  default boolean isRunning() {
    return loop().isRunning();
  }
}
