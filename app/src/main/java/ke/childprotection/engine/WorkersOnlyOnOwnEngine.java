package ke.childprotection.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.spring.event.CamundaLifecycleEventProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Camunda starter opens every {@code @JobWorker} when its client is announced. That announcement
 * is held back when the engine does not belong to this database: no job of a foreign (or empty) engine
 * is taken, failed or completed by this app.
 */
@Configuration(proxyBeanMethods = false)
class WorkersOnlyOnOwnEngine {
  private static final Logger log = LoggerFactory.getLogger(WorkersOnlyOnOwnEngine.class);

  @Bean
  CamundaLifecycleEventProducer lifecycleOnlyOnOwnEngine(CamundaClient client, ApplicationEventPublisher events,
      EngineBinding binding) {
    return new CamundaLifecycleEventProducer(client, events) {
      @Override
      public void start() {
        if (binding.isBound()) {
          super.start();
        } else {
          log.error("Job workers not started: {}", binding.problem().orElse(""));
        }
      }
    };
  }
}
