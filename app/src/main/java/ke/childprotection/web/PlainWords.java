package ke.childprotection.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ke.childprotection.engine.ProcessModels;
import ke.childprotection.tasklist.FormSubmission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the pages say instead of the system's own words: records by their form's labels and values,
 * codes as words, counties by name, people by name. Used by the templates as {@code @plainWords}.
 */
@Component("plainWords")
public class PlainWords {
  /** A submitted form as its user saw it: the form's title, and each answer by its label. */
  public record Record(String title, List<Field> fields) {}

  public record Field(String label, String value) {}

  private static final Duration NAMES_KEPT = Duration.ofMinutes(1);

  private final ProcessModels models;
  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Map<String, JsonNode> schemas = new ConcurrentHashMap<>();
  private volatile List<Map.Entry<String, String>> counties;
  private volatile Map<String, String> people = Map.of();
  private volatile Instant peopleRead = Instant.EPOCH;

  PlainWords(ProcessModels models, JdbcClient jdbc, ObjectMapper json) {
    this.models = models;
    this.jdbc = jdbc;
    this.json = json;
  }

  /** A code as words: RETURNED_HOME → "returned home", FEMALE → "female". */
  public String word(String code) {
    return code == null ? "" : code.replace('_', ' ').toLowerCase(Locale.ROOT);
  }

  /** A county by its name ("Nairobi"); the code when it is not one of the 47. */
  public String county(String code) {
    if (code == null) {
      return "";
    }
    return counties().stream().filter(c -> c.getKey().equals(code)).map(Map.Entry::getValue).findFirst().orElse(code);
  }

  /** A child of a case offered for matching, by name as recorded ("name unknown" for a found child without one). */
  public String childName(ke.childprotection.cases.ChildCase c) {
    return ke.childprotection.cases.CaseView.childName(c, true);
  }

  /** The 47 counties, by name, for a picker. */
  public List<Map.Entry<String, String>> counties() {
    if (counties == null) {
      counties = jdbc.sql("select code, name from county order by name")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list();
    }
    return counties;
  }

  /** The periods a report can cover, newest first: the last 24 months and 8 quarters, by name. */
  public List<Map.Entry<String, String>> periods(java.time.ZoneId zone) {
    java.time.YearMonth now = java.time.YearMonth.now(zone);
    List<Map.Entry<String, String>> periods = new ArrayList<>();
    java.time.format.DateTimeFormatter month = java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    for (int i = 0; i < 24; i++) {
      java.time.YearMonth m = now.minusMonths(i);
      periods.add(Map.entry(m.toString(), m.format(month)));
    }
    for (int i = 0; i < 8; i++) {
      java.time.YearMonth m = now.minusMonths(3L * i);
      int quarter = (m.getMonthValue() - 1) / 3 + 1;
      periods.add(Map.entry(m.getYear() + "-Q" + quarter, "Q" + quarter + " " + m.getYear() + " ("
          + java.time.Month.of(quarter * 3 - 2).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + "–"
          + java.time.Month.of(quarter * 3).getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH) + ")"));
    }
    return periods;
  }

  /** A period's name: "December 2026", "Q4 2026 (Oct–Dec)"; as given when it is neither. */
  public String period(String period, java.time.ZoneId zone) {
    return periods(zone).stream().filter(p -> p.getKey().equals(period)).map(Map.Entry::getValue).findFirst().orElse(period);
  }

  /** A person by their full name; the system as "the system"; a user name that is no account as it is. */
  public String person(String username) {
    if (username == null) {
      return "";
    }
    if ("system".equals(username)) {
      return "the system";
    }
    if (Instant.now().isAfter(peopleRead.plus(NAMES_KEPT))) {
      people = Map.copyOf(jdbc.sql("select username, full_name from app_user")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
      peopleRead = Instant.now();
    }
    return people.getOrDefault(username, username);
  }

  /** The record as its form shows it: answers under their labels, choices by their option's label. */
  public Record record(FormSubmission submission) {
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
    return new Record(title(schema, submission.getFormId()), fields);
  }

  private String value(JsonNode component, Object value) {
    if (value instanceof Boolean b) {
      return b ? "yes" : "no";
    }
    Map<String, String> options = new java.util.HashMap<>();
    component.path("values").forEach(o -> options.put(o.path("value").asText(), o.path("label").asText()));
    if (value instanceof List<?> list) {
      return String.join("; ", list.stream().map(v -> options.getOrDefault(String.valueOf(v), word(String.valueOf(v)))).toList());
    }
    String text = String.valueOf(value);
    if (options.containsKey(text)) {
      return options.get(text);
    }
    return component.hasNonNull("valuesKey") ? word(text) : text;
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
    String words = formId.replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** disabilityOrMedicalNeed → "disability or medical need". */
  static String humanKey(String key) {
    String words = key.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
