package ke.childprotection.process;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import org.junit.jupiter.api.BeforeEach;

/**
 * A process test on Zeebe Process Test's engine with every model and form of the app deployed. Each
 * subclass is a {@code @ZeebeProcessTest} (the extension injects the engine and client here) and holds
 * its own process to 100 % coverage.
 */
abstract class ProcessTestBase {
  protected ZeebeTestEngine engine;
  protected ZeebeClient client;
  protected ProcessTestSupport zeebe;

  @BeforeEach
  void deployEverything() throws Exception {
    zeebe = new ProcessTestSupport(engine, client);
    zeebe.deployAll();
  }
}
