package ke.childprotection.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ke.childprotection.engine.ProcessModels;
import ke.childprotection.web.PlainWords;
import org.springframework.stereotype.Component;

/** A submitted form as its user saw it: the form's title, and each answer under its label (not the variable's key). */
@Component
public class FormRecords {
  public record Record(String formId, String title, String submittedBy, OffsetDateTime submittedAt, List<Field> fields) {}

  public record Field(String label, String value) {}

  private final ProcessModels models;
  private final ObjectMapper json;
  private final PlainWords words;
  private final Map<String, JsonNode> schemas = new ConcurrentHashMap<>();

  FormRecords(ProcessModels models, ObjectMapper json, PlainWords words) {
    this.models = models;
    this.json = json;
    this.words = words;
  }

  /** The record as its form shows it: answers under their labels, choices by their option's label. */
  public Record of(FormSubmission submission) {
    JsonNode schema = schema(submission.getFormId());
    Map<String, Object> data = submission.getFields();
    List<Field> fields = new ArrayList<>();
    java.util.Set<String> shown = new java.util.HashSet<>();
    if (schema != null) {
      for (JsonNode component : components(schema)) {
        String key = component.path("key").asText(null);
        if (key == null || !data.containsKey(key) || data.get(key) == null) {
          continue;
        }
        shown.add(key);
        fields.add(new Field(component.path("label").asText(humanKey(key)), value(component, data.get(key))));
      }
    }
    data.forEach((key, value) -> {
      if (!shown.contains(key) && value != null) {
        fields.add(new Field(humanKey(key), value instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(value)));
      }
    });
    return new Record(submission.getFormId(), title(schema, submission.getFormId()), submission.getSubmittedBy(),
        submission.getSubmittedAt(), fields);
  }

  private String value(JsonNode component, Object value) {
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    Map<String, String> options = new java.util.HashMap<>();
    component.path("values").forEach(o -> options.put(o.path("value").asText(), o.path("label").asText()));
    if (value instanceof List<?> list) {
      return String.join("; ", list.stream().map(v -> options.getOrDefault(String.valueOf(v), words.word(String.valueOf(v)))).toList());
    }
    String text = String.valueOf(value);
    if (options.containsKey(text)) {
      return options.get(text);
    }
    return component.hasNonNull("valuesKey") ? words.word(text) : text;
  }

  private JsonNode schema(String formId) {
    return schemas.computeIfAbsent(formId, id -> models.formSchema(id).map(text -> {
      try {
        return json.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("form " + id + " is not JSON", e);
      }
    }).orElse(com.fasterxml.jackson.databind.node.NullNode.getInstance()));
  }

  /** Every component, those inside groups too, in the form's order. */
  private static List<JsonNode> components(JsonNode schema) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode component : schema.path("components")) {
      all.add(component);
      all.addAll(components(component));
    }
    return all;
  }

  /** The form's heading ("## Risk assessment"); its id in words when it has none. */
  private String title(JsonNode schema, String formId) {
    if (schema != null) {
      for (JsonNode component : schema.path("components")) {
        String text = component.path("text").asText("");
        if ("text".equals(component.path("type").asText()) && text.startsWith("#")) {
          return text.replaceFirst("^#+\\s*", "").trim();
        }
      }
    }
    String spaced = formId.replace('-', ' ');
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }

  /** disabilityOrMedicalNeed → "disability or medical need". */
  static String humanKey(String key) {
    String spaced = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
  }
}
