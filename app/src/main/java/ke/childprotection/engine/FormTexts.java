package ke.childprotection.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * A Camunda Form in the user's language. The form stays one file (English, as the Modeler wrote it and
 * as it is deployed); its texts in another language are kept beside it ({@code forms/<form-id>.sw.json}),
 * keyed by field key (by component id for a component without one): label, description, text,
 * patternErrorMessage, and each option's label by its value. The app puts them in place before form-js
 * renders the form; values, keys and rules are never touched, so the answers are the same in every
 * language. Options a form takes from the task's data ({@code valuesKey}, e.g. the first search actions
 * the policy table chose) are translated by their value too.
 */
@Component
public class FormTexts {
  private static final List<String> TEXTS = List.of("label", "description", "text");

  private final ProcessModels models;
  private final ObjectMapper json;
  /** language → form id → component key or id → its texts */
  private final Map<String, Map<String, JsonNode>> byLanguage = new HashMap<>();
  private final Map<String, String> translatedSchemas = new ConcurrentHashMap<>();

  FormTexts(ProcessModels models, ObjectMapper json) {
    this.models = models;
    this.json = json;
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:forms/*.*.json")) {
        try (InputStream in = resource.getInputStream()) {
          JsonNode texts = json.readTree(in);
          byLanguage.computeIfAbsent(texts.path("language").asText(), l -> new HashMap<>())
              .put(texts.path("form").asText(), texts.path("components"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the forms' translations", e);
    }
  }

  /** The form's schema with its texts in the language (as deployed when the language has none). */
  public Optional<String> schema(String formId, Locale locale) {
    Optional<String> schema = models.formSchema(formId);
    JsonNode texts = texts(formId, locale);
    if (schema.isEmpty() || texts == null) {
      return schema;
    }
    return Optional.of(translatedSchemas.computeIfAbsent(formId + "/" + locale.getLanguage(), k -> translate(schema.get(), texts)));
  }

  /** The task's data with the labels of options a form reads from it (valuesKey) in the language. */
  public Map<String, Object> data(String formId, Map<String, Object> data, Locale locale) {
    JsonNode texts = texts(formId, locale);
    String schema = models.formSchema(formId).orElse(null);
    if (texts == null || schema == null || data == null) {
      return data;
    }
    Map<String, Object> translated = new LinkedHashMap<>(data);
    for (JsonNode component : components(read(schema))) {
      String valuesKey = component.path("valuesKey").asText(null);
      JsonNode values = texts.path(idOf(component)).path("values");
      if (valuesKey == null || !values.isObject() || !(data.get(valuesKey) instanceof List<?> options)) {
        continue;
      }
      List<Object> relabelled = new ArrayList<>();
      for (Object option : options) {
        if (option instanceof Map<?, ?> map && map.get("value") != null && values.hasNonNull(String.valueOf(map.get("value")))) {
          Map<Object, Object> copy = new LinkedHashMap<>(map);
          copy.put("label", values.get(String.valueOf(map.get("value"))).asText());
          relabelled.add(copy);
        } else {
          relabelled.add(option);
        }
      }
      translated.put(valuesKey, relabelled);
    }
    return translated;
  }

  /** Every component of a form, nested ones included, in order. */
  public static List<JsonNode> components(JsonNode schema) {
    List<JsonNode> all = new ArrayList<>();
    collect(schema.path("components"), all);
    return all;
  }

  /** How a translation names a component: its field key, or its id when it has no key. */
  public static String idOf(JsonNode component) {
    return component.hasNonNull("key") ? component.get("key").asText() : component.path("id").asText();
  }

  private JsonNode texts(String formId, Locale locale) {
    Map<String, JsonNode> forms = byLanguage.get(locale.getLanguage());
    return forms == null ? null : forms.get(formId);
  }

  private String translate(String schema, JsonNode texts) {
    JsonNode root = read(schema);
    for (JsonNode node : components(root)) {
      ObjectNode component = (ObjectNode) node;
      JsonNode text = texts.path(idOf(component));
      for (String property : TEXTS) {
        if (component.hasNonNull(property) && text.hasNonNull(property)) {
          component.put(property, text.get(property).asText());
        }
      }
      if (component.path("validate").hasNonNull("patternErrorMessage") && text.hasNonNull("patternErrorMessage")) {
        ((ObjectNode) component.get("validate")).put("patternErrorMessage", text.get("patternErrorMessage").asText());
      }
      for (JsonNode option : component.path("values")) {
        JsonNode label = text.path("values").path(option.path("value").asText());
        if (label.isTextual()) {
          ((ObjectNode) option).put("label", label.asText());
        }
      }
    }
    return root.toString();
  }

  private static void collect(JsonNode components, List<JsonNode> into) {
    for (JsonNode component : components) {
      into.add(component);
      collect(component.path("components"), into);
    }
  }

  private JsonNode read(String schema) {
    try {
      return json.readTree(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
