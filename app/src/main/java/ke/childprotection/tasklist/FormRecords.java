package ke.childprotection.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ke.childprotection.engine.FormTexts;
import ke.childprotection.web.PlainWords;
import org.springframework.stereotype.Component;

/** A submitted form as its user saw it: the form's title, and each answer under its label (not the variable's key). */
@Component
public class FormRecords {
  public record Record(String formId, String title, String submittedBy, OffsetDateTime submittedAt, List<Field> fields) {}

  public record Field(String label, String value) {}

  private final FormTexts texts;
  private final ObjectMapper json;
  private final PlainWords words;
  private final Map<String, JsonNode> schemas = new ConcurrentHashMap<>();

  FormRecords(FormTexts texts, ObjectMapper json, PlainWords words) {
    this.texts = texts;
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
      for (JsonNode component : FormTexts.components(schema)) {
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
        fields.add(new Field(humanKey(key), value instanceof Boolean b ? yesOrNo(b) : String.valueOf(value)));
      }
    });
    return new Record(submission.getFormId(), title(schema, submission.getFormId()), submission.getSubmittedBy(),
        submission.getSubmittedAt(), fields);
  }

  private String value(JsonNode component, Object value) {
    if (value instanceof Boolean b) {
      return yesOrNo(b);
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

  private String yesOrNo(boolean value) {
    return value ? words.text("yes", "yes") : words.text("no", "no");
  }

  /** The form in the page's language. */
  private JsonNode schema(String formId) {
    java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
    return schemas.computeIfAbsent(formId + "/" + locale.getLanguage(), k -> texts.schema(formId, locale).map(text -> {
      try {
        return json.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("form " + formId + " is not JSON", e);
      }
    }).orElse(com.fasterxml.jackson.databind.node.NullNode.getInstance()));
  }

  /** The form's heading ("## Risk assessment"); its id in words when it has none. */
  private String title(JsonNode schema, String formId) {
    if (schema != null) {
      for (JsonNode component : schema.path("components")) {
        String text = component.path("text").asText("");
        if ("text".equals(component.path("type").asText()) && text.startsWith("#")) {
          return text.lines().findFirst().orElse("").replaceFirst("^#+\\s*", "").trim();
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
