package ke.childprotection.engine;

import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The in-process Zeebe engine (Zeebe Process Test's engine: real engine code, state in memory).
 * The app reaches it over gRPC exactly as it reaches an external broker or a Camunda 8 cluster;
 * {@code mcc.engine.embedded.enabled=false} switches it off and the client's address decides.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "mcc.engine.embedded.enabled", havingValue = "true", matchIfMissing = true)
class EmbeddedEngineConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedEngineConfiguration.class);

  @Bean(destroyMethod = "stop")
  ZeebeTestEngine embeddedZeebeEngine(@Value("${mcc.engine.embedded.port}") int port) {
    ZeebeTestEngine engine = EngineFactory.create(port);
    engine.start();
    log.info("Embedded Zeebe engine listening at {} (state is kept in memory only)", engine.getGatewayAddress());
    return engine;
  }
}
