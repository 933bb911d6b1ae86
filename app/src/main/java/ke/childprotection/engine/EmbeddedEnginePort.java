package ke.childprotection.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Resolves {@code mcc.engine.embedded.port: 0} to a free port before the Camunda client reads its
 * gRPC address, so that several app instances (tests) can each run an embedded engine.
 */
public class EmbeddedEnginePort implements EnvironmentPostProcessor {
  static final String PORT = "mcc.engine.embedded.port";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication app) {
    boolean embedded = env.getProperty("mcc.engine.embedded.enabled", Boolean.class, true);
    if (embedded && "0".equals(env.getProperty(PORT))) {
      env.getPropertySources().addFirst(new MapPropertySource("embeddedEnginePort", Map.of(PORT, freePort())));
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
