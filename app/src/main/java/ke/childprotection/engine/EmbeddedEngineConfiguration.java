package ke.childprotection.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import ke.childprotection.engine.durable.DurableEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.unit.DataSize;

/**
 * The in-process Zeebe engine (Zeebe Process Test's engine code) with its log and state on disk in
 * {@code mcc.engine.embedded.directory}: open cases survive a restart and a kill -9 (see
 * {@link DurableEngine}). Its gRPC gateway listens on loopback only. The app reaches it over gRPC
 * exactly as it reaches a Camunda 8 cluster; {@code mcc.engine.embedded.enabled=false} switches it off
 * and the client's address decides.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mcc.engine.embedded.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedEngineConfiguration.Settings.class)
class EmbeddedEngineConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngineConfiguration.class);

  @ConfigurationProperties("mcc.engine.embedded")
  record Settings(String directory, DataSize logSegmentSize, DataSize stateMemory) {}

  @Bean(destroyMethod = "stop")
  DurableEngine embeddedZeebeEngine(Settings settings, @Value("${mcc.engine.embedded.port}") int port) {
    Path directory = Path.of(settings.directory()).toAbsolutePath().normalize();
    DurableEngine engine = DurableEngine.open(directory, new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
        new DurableEngine.Settings(settings.logSegmentSize().toBytes(), settings.stateMemory().toBytes()));
    engine.start();
    return engine;
  }

  @Bean
  HealthIndicator embeddedEngine(DurableEngine engine) {
    return () -> engine.isHealthy() ? Health.up().withDetail("snapshotPosition", engine.snapshotPosition()).build()
        : Health.down().withDetail("reason", "the in-process engine stopped processing; see the log").build();
  }

  @Bean
  EngineSnapshotSchedule engineSnapshotSchedule(DurableEngine engine) {
    return new EngineSnapshotSchedule(engine);
  }

  /** Snapshots the engine's state now and then, so that a restart replays only the log's tail. */
  static class EngineSnapshotSchedule {
    private final DurableEngine engine;

    EngineSnapshotSchedule(DurableEngine engine) {
      this.engine = engine;
    }

    @Scheduled(fixedDelayString = "${mcc.engine.embedded.snapshot-interval}",
        initialDelayString = "${mcc.engine.embedded.snapshot-interval}")
    void snapshot() {
      try {
        engine.snapshot();
      } catch (RuntimeException e) {
        log.error("Engine snapshot failed (the log keeps everything; the next restart replays more): {}", e.toString());
      }
    }
  }
}
