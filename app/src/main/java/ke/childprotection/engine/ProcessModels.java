package ke.childprotection.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Form;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The models of {@code processes/} and {@code forms/}, as packaged on the classpath: deployed to the
 * engine at start-up, and read back for what a job does not carry (an element's name, a form key's
 * formId, a form's schema).
 */
@Component
public class ProcessModels {
  /** The messages that start a case's process (message start events: one running instance per case number). */
  public static final String MISSING_CHILD_REPORTED = "missing-child-reported";
  public static final String FOUND_CHILD_REGISTERED = "found-child-registered";

  private static final Logger log = LoggerFactory.getLogger(ProcessModels.class);

  private final CamundaClient client;
  private final EngineBinding binding;
  private final int deployAttempts;
  private final Map<String, String> elementNames = new ConcurrentHashMap<>();
  private final Map<Long, String> formIdsByKey = new ConcurrentHashMap<>();
  private final Map<String, String> formSchemas = new ConcurrentHashMap<>();
  private final Map<String, java.util.Set<String>> formWords = new ConcurrentHashMap<>();
  private final Map<String, BpmnModelInstance> models = new ConcurrentHashMap<>();

  ProcessModels(CamundaClient client, EngineBinding binding, @Value("${mcc.engine.deploy-attempts:30}") int deployAttempts) {
    this.client = client;
    this.binding = binding;
    this.deployAttempts = deployAttempts;
  }

  @PostConstruct
  void deploy() throws InterruptedException {
    Resource[] resources = resources();
    for (Resource resource : resources) {
      String name = resource.getFilename();
      if (name.endsWith(".bpmn")) {
        readElements(resource);
      } else if (name.endsWith(".form")) {
        String schema = read(resource);
        formSchemas.put(formIdOf(schema, name), schema);
      }
    }
    if (!binding.isBound()) {
      log.error("Process models not deployed: this database and the engine do not belong together");
      return;
    }
    DeploymentEvent event = Retrying.untilReachable(() -> deployCommand(resources).send().join(), deployAttempts,
        "deploying the process models");
    for (Form form : event.getForm()) {
      formIdsByKey.put(form.getFormKey(), form.getFormId());
    }
    log.info("Deployed {} processes, {} decisions, {} forms",
        event.getProcesses().size(), event.getDecisions().size(), event.getForm().size());
  }

  private DeployResourceCommandStep1.DeployResourceCommandStep2 deployCommand(Resource[] resources) {
    DeployResourceCommandStep1.DeployResourceCommandStep2 command = null;
    for (Resource resource : resources) {
      byte[] content = readBytes(resource);
      command = command == null
          ? client.newDeployResourceCommand().addResourceBytes(content, resource.getFilename())
          : command.addResourceBytes(content, resource.getFilename());
    }
    return command;
  }

  /** The element's name as drawn in the model; the id when it has none. */
  public String elementName(String bpmnProcessId, String elementId) {
    return elementNames.getOrDefault(bpmnProcessId + "/" + elementId, elementId);
  }

  /**
   * Whether the model escalates this step's deadline itself: a timer on the step leads straight to a
   * {@code supervisor.notify} step. The app's overdue check then leaves it alone, so that a missed
   * deadline reaches the supervisor once.
   */
  public boolean notifiesSupervisorWhenLate(String bpmnProcessId, String elementId) {
    BpmnModelInstance model = models.get(bpmnProcessId);
    if (model == null) {
      return false;
    }
    return model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.BoundaryEvent.class).stream()
        .filter(b -> b.getAttachedTo() != null && elementId.equals(b.getAttachedTo().getId()))
        .filter(b -> b.getEventDefinitions().stream().anyMatch(d -> d instanceof io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition))
        .flatMap(b -> b.getOutgoing().stream())
        .map(flow -> flow.getTarget().getSingleExtensionElement(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition.class))
        .anyMatch(task -> task != null && "supervisor.notify".equals(task.getType()));
  }

  /** Where a case's process can be started again: before {@code elementId} of {@code processId}. */
  public record RestartPoint(String processId, String elementId, String name) {}

  /**
   * Where to start a case's process again so that it goes on at the step {@code elementId} of {@code
   * processId} (the process its last task belonged to): before that step in its own process when that
   * is the case's root process or one started on its own (a referral), else before the activity of the
   * root process that calls it. Empty when the step cannot be started at (inside an event sub-process
   * or a multi-instance activity, or a process that nothing calls).
   */
  public Optional<RestartPoint> restartPoint(String rootProcessId, String processId, String elementId) {
    BpmnModelInstance model = models.get(processId);
    if (model == null) {
      return Optional.empty();
    }
    boolean calledByRoot = false;
    String target = elementId;
    String targetProcess = processId;
    if (!processId.equals(rootProcessId) && models.containsKey(rootProcessId)) {
      BpmnModelInstance root = models.get(rootProcessId);
      Optional<io.camunda.zeebe.model.bpmn.instance.CallActivity> caller = root
          .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.CallActivity.class).stream()
          .filter(c -> {
            var called = c.getSingleExtensionElement(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement.class);
            return called != null && processId.equals(called.getProcessId());
          }).findFirst();
      if (caller.isPresent()) {
        calledByRoot = true;
        model = root;
        target = caller.get().getId();
        targetProcess = rootProcessId;
      }
    }
    FlowElement element = model.getModelElementById(target);
    if (element == null || (!calledByRoot && !processId.equals(rootProcessId) && !startedOnItsOwn(model))) {
      return Optional.empty();
    }
    for (var scope = element; scope != null; scope = scope.getParentElement() instanceof FlowElement f ? f : null) {
      if (scope instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub && sub.triggeredByEvent()) {
        return Optional.empty();
      }
      if (scope instanceof io.camunda.zeebe.model.bpmn.instance.Activity activity && activity.getLoopCharacteristics() != null) {
        return Optional.empty();
      }
    }
    return Optional.of(new RestartPoint(targetProcess, target, elementName(targetProcess, target)));
  }

  /** A process with a message start event (started for a case by the app, not called by another process). */
  private static boolean startedOnItsOwn(BpmnModelInstance model) {
    return model.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.StartEvent.class).stream()
        .anyMatch(start -> !(start.getParentElement() instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess)
            && !start.getEventDefinitions().isEmpty());
  }

  public Optional<String> formIdForKey(long formKey) {
    return Optional.ofNullable(formIdsByKey.get(formKey));
  }

  public Optional<String> formSchema(String formId) {
    return Optional.ofNullable(formSchemas.get(formId));
  }

  /** The words of a form's schema (runs of letters, digits, _): the variable names it may refer to. */
  public java.util.Set<String> formWords(String formId) {
    return formWords.computeIfAbsent(formId, id -> formSchema(id)
        .map(schema -> java.util.Set.copyOf(java.util.Arrays.asList(schema.split("\\W+"))))
        .orElse(java.util.Set.of()));
  }

  private void readElements(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      BpmnModelInstance model = Bpmn.readModelFromStream(in);
      for (Process process : model.getModelElementsByType(Process.class)) {
        models.put(process.getId(), model);
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
          String key = process.getId() + "/" + element.getId();
          elementNames.put(key, element.getName() == null ? element.getId() : element.getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Resource[] resources() {
    try {
      var resolver = new PathMatchingResourcePatternResolver();
      Resource[] found = java.util.stream.Stream.of("processes/*.bpmn", "processes/*.dmn", "forms/*.form")
          .flatMap(pattern -> {
            try {
              return Arrays.stream(resolver.getResources("classpath:" + pattern));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .sorted(Comparator.comparing(Resource::getFilename))
          .toArray(Resource[]::new);
      if (found.length == 0) {
        throw new IllegalStateException("No process models on the classpath (processes/, forms/)");
      }
      return found;
    } catch (UncheckedIOException e) {
      throw e;
    }
  }

  private static String formIdOf(String schema, String fileName) {
    try {
      String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(schema).path("id").asText("");
      if (id.isBlank()) {
        throw new IllegalStateException("Form " + fileName + " has no id");
      }
      return id;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Form " + fileName + " is not valid JSON", e);
    }
  }

  private static String read(Resource resource) {
    return new String(readBytes(resource), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static byte[] readBytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
