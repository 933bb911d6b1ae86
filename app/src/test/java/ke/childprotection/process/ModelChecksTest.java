package ke.childprotection.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Camunda's own tools on the models: bpmnlint with the camunda-compat rules for 8.6 and 8.8 on every
 * BPMN file, and every form imported into the real form-js viewer (tools/check-models.mjs).
 */
class ModelChecksTest {
  @Test
  void everyModelPassesBpmnlintAndEveryFormImportsInFormJs() throws Exception {
    Process node = new ProcessBuilder("node", "tools/check-models.mjs").directory(new File("."))
        .redirectErrorStream(true).start();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(120, TimeUnit.SECONDS)).isTrue();
    System.out.println(output);
    assertThat(output).contains("0 problem(s)");
    assertThat(node.exitValue()).as(output).isZero();
  }
}
