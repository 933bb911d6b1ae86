package ke.childprotection.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import ke.childprotection.support.InvalidInput;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.springframework.stereotype.Component;

/**
 * Checks a submitted form against its Camunda Form schema on the server, with the rules (and the
 * messages) of the form-js viewer that the user saw: required, min/max, minLength/maxLength, pattern,
 * allowed options, and {@code conditional.hide} evaluated with the same FEEL engine Zeebe uses. A
 * hidden field is dropped, a key the form does not have is refused: a form cannot set other process
 * variables.
 */
@Component
public class FormValidator {
  private static final Set<String> INPUT_TYPES = Set.of(
      "textfield", "textarea", "number", "checkbox", "select", "radio", "datetime", "checklist", "taglist");

  /** The data to hand to the process (hidden fields dropped) and what is wrong with it. */
  public record Result(Map<String, Object> data, List<InvalidInput.Field> errors) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  private final ObjectMapper json;
  private final FeelEngineApi feel = FeelEngineBuilder.forJava().build();

  FormValidator(ObjectMapper json) {
    this.json = json;
  }

  public Result validate(String schema, Map<String, Object> context, Map<String, Object> submitted) {
    JsonNode root;
    try {
      root = json.readTree(schema);
    } catch (Exception e) {
      throw new IllegalStateException("form schema is not valid JSON", e);
    }
    Map<String, Object> scope = new HashMap<>(context);
    scope.putAll(submitted);
    List<InvalidInput.Field> errors = new ArrayList<>();
    Map<String, Object> accepted = new LinkedHashMap<>();
    List<JsonNode> fields = new ArrayList<>();
    collectInputs(root.path("components"), fields);
    Set<String> keys = new java.util.HashSet<>();
    for (JsonNode field : fields) {
      String key = field.path("key").asText();
      keys.add(key);
      if (isHidden(field, scope)) {
        continue;
      }
      Object value = submitted.get(key);
      List<Problem> problems = check(field, value, scope);
      problems.forEach(problem -> errors.add(new InvalidInput.Field(key, problem.key(), problem.args())));
      if (value != null) {
        accepted.put(key, value);
      }
    }
    for (String key : submitted.keySet()) {
      if (!keys.contains(key)) {
        errors.add(new InvalidInput.Field(key, "problem.form.unknownField"));
      }
    }
    return new Result(accepted, errors);
  }

  private static void collectInputs(JsonNode components, List<JsonNode> into) {
    for (JsonNode component : components) {
      if (INPUT_TYPES.contains(component.path("type").asText()) && component.hasNonNull("key")) {
        into.add(component);
      }
      collectInputs(component.path("components"), into);
    }
  }

  private boolean isHidden(JsonNode field, Map<String, Object> scope) {
    String hide = field.path("conditional").path("hide").asText("");
    if (hide.isBlank()) {
      return false;
    }
    EvaluationResult result = feel.evaluateExpression(hide.startsWith("=") ? hide.substring(1) : hide, scope);
    return result.isSuccess() && Boolean.TRUE.equals(result.result());
  }

  /** What is wrong with an answer: the key of its text (the messages of the form-js viewer, in the user's language) and its values. */
  record Problem(String key, Object... args) {}

  private static List<Problem> check(JsonNode field, Object value, Map<String, Object> scope) {
    List<Problem> problems = new ArrayList<>();
    String type = field.path("type").asText();
    JsonNode validate = field.path("validate");
    boolean unset = value == null || "".equals(value);
    if (validate.path("required").asBoolean(false)
        && (unset || ("checkbox".equals(type) && Boolean.FALSE.equals(value))
            || (value instanceof List<?> list && list.isEmpty()))) {
      problems.add(new Problem("problem.form.required"));
      return problems;
    }
    if (unset) {
      return problems;
    }
    switch (type) {
      case "checkbox" -> {
        if (!(value instanceof Boolean)) problems.add(new Problem("problem.form.boolean"));
      }
      case "number" -> checkNumber(validate, value, problems);
      case "select", "radio" -> {
        if (!allowedValues(field, scope).contains(String.valueOf(value))) problems.add(new Problem("problem.form.option"));
      }
      case "checklist", "taglist" -> {
        if (!(value instanceof List<?> list) || !allowedValues(field, scope).containsAll(list.stream().map(String::valueOf).toList())) {
          problems.add(new Problem("problem.form.option"));
        }
      }
      case "datetime" -> checkDate(field, value, problems);
      default -> checkText(validate, value, problems);
    }
    return problems;
  }

  private static void checkText(JsonNode validate, Object value, List<Problem> problems) {
    if (!(value instanceof String text)) {
      problems.add(new Problem("problem.form.text"));
      return;
    }
    String trimmed = text.trim();
    if (validate.has("pattern") && !Pattern.compile(validate.get("pattern").asText()).matcher(text).find()) {
      problems.add(validate.hasNonNull("patternErrorMessage") ? new Problem(validate.get("patternErrorMessage").asText())
          : new Problem("problem.form.pattern"));
    }
    if (validate.has("minLength") && trimmed.length() < validate.get("minLength").asInt()) {
      problems.add(new Problem("problem.form.minLength", validate.get("minLength").asInt()));
    }
    if (validate.has("maxLength") && trimmed.length() > validate.get("maxLength").asInt()) {
      problems.add(new Problem("problem.form.maxLength", validate.get("maxLength").asInt()));
    }
  }

  private static void checkNumber(JsonNode validate, Object value, List<Problem> problems) {
    BigDecimal number;
    try {
      number = new BigDecimal(String.valueOf(value));
    } catch (NumberFormatException e) {
      problems.add(new Problem("problem.form.notNumber"));
      return;
    }
    if (validate.has("min") && number.compareTo(validate.get("min").decimalValue()) < 0) {
      problems.add(new Problem("problem.form.min", validate.get("min").asText()));
    }
    if (validate.has("max") && number.compareTo(validate.get("max").decimalValue()) > 0) {
      problems.add(new Problem("problem.form.max", validate.get("max").asText()));
    }
  }

  private static void checkDate(JsonNode field, Object value, List<Problem> problems) {
    if (!"date".equals(field.path("subtype").asText("date"))) {
      return;
    }
    try {
      LocalDate.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      problems.add(new Problem("problem.form.date"));
    }
  }

  /** Static options, or (valuesKey) the options the task's data offers, as form-js reads them. */
  private static Set<String> allowedValues(JsonNode field, Map<String, Object> scope) {
    Set<String> allowed = new java.util.HashSet<>();
    field.path("values").forEach(option -> allowed.add(option.path("value").asText()));
    if (field.hasNonNull("valuesKey") && scope.get(field.get("valuesKey").asText()) instanceof List<?> options) {
      for (Object option : options) {
        if (option instanceof Map<?, ?> map && map.get("value") != null) {
          allowed.add(String.valueOf(map.get("value")));
        }
      }
    }
    return allowed;
  }
}
