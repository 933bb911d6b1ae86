package ke.childprotection.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every text a user meets has its English and its Kiswahili entry: the two bundles have the same keys
 * and the same placeholders; the pages' templates and scripts show no text of their own but only
 * texts of the bundles, and every key they name exists. Prints the count of keys in each language and
 * of the Kiswahili entries marked for review.
 */
class TranslationsTest {
  private static final Path RESOURCES = Path.of("src/main/resources");
  private static final Path TEMPLATES = RESOURCES.resolve("templates");
  private static final Path SCRIPTS = RESOURCES.resolve("static/js");
  private static final Set<String> TEXT_ATTRIBUTES = Set.of("placeholder", "alt", "title", "aria-label", "label", "data-label");
  private static final Pattern LETTERS = Pattern.compile("\\p{L}{2,}");
  /** The same in every language: names of file formats, an example case number. */
  private static final Set<String> NEUTRAL = Set.of("CSV", "PDF", "MC-047-2026-000001");

  private static Properties english;
  private static Properties kiswahili;
  private static int markedForReview;

  @BeforeAll
  static void load() throws IOException {
    english = bundle("i18n/messages.properties");
    kiswahili = bundle("i18n/messages_sw.properties");
    List<String> lines = Files.readAllLines(RESOURCES.resolve("i18n/messages_sw.properties"));
    markedForReview = (int) lines.stream().filter(l -> l.strip().equals("#review")).count();
    System.out.printf("Translations: %d keys in English, %d in Kiswahili, %d Kiswahili entries marked for review%n",
        english.size(), kiswahili.size(), markedForReview);
  }

  @Test
  void everyTextHasBothLanguagesWithTheSamePlaceholders() {
    assertThat(kiswahili.stringPropertyNames()).as("keys without Kiswahili")
        .containsAll(english.stringPropertyNames());
    assertThat(english.stringPropertyNames()).as("Kiswahili keys with no English").containsAll(kiswahili.stringPropertyNames());
    List<String> problems = new ArrayList<>();
    for (String key : english.stringPropertyNames()) {
      String en = english.getProperty(key);
      String sw = kiswahili.getProperty(key);
      if (en.isBlank() || sw.isBlank()) {
        problems.add(key + ": empty");
        continue;
      }
      if (bySimpleNames(key)) {
        if (!namedPlaceholders(en).equals(namedPlaceholders(sw))) {
          problems.add(key + ": the languages have different {names}");
        }
        continue;
      }
      if (en.contains("'") || sw.contains("'")) {
        problems.add(key + ": an ASCII apostrophe (write ’: the texts are MessageFormat patterns)");
      }
      try {
        if (placeholders(en) != placeholders(sw)) {
          problems.add(key + ": the languages have different placeholders");
        }
      } catch (IllegalArgumentException e) {
        problems.add(key + ": not a MessageFormat pattern (" + e.getMessage() + ")");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void templatesShowOnlyTextsOfTheBundles() throws IOException {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        String html = Files.readString(file);
        keysNamed(html, Pattern.compile("#\\{([A-Za-z0-9_.]+)[}(]"), "", name, problems);
        keysNamedByPrefix(html, Pattern.compile("#\\{\\$\\{'([A-Za-z0-9_.]+)' \\+"), "", name, problems);
        keysNamed(html, Pattern.compile("#messages\\.msg\\('([A-Za-z0-9_.]+)'"), "", name, problems);
        keysNamed(html, Pattern.compile("formatIn\\([a-zA-Z.]+, '([A-Za-z0-9_.]+)'"), "", name, problems);
        checked++;
        Document page = Jsoup.parse(html, "", Parser.xmlParser());
        for (Element element : page.getAllElements()) {
          if (Set.of("script", "style").contains(element.tagName()) || replaced(element)) {
            continue;
          }
          for (TextNode text : element.textNodes()) {
            if (LETTERS.matcher(text.text()).find() && !NEUTRAL.contains(text.text().strip()) && !insideReplaced(element)) {
              problems.add(name + ": text of its own in <" + element.tagName() + ">: " + text.text().strip());
            }
          }
          element.attributes().forEach(attribute -> {
            if (TEXT_ATTRIBUTES.contains(attribute.getKey()) && LETTERS.matcher(attribute.getValue()).find()
                && !NEUTRAL.contains(attribute.getValue())) {
              problems.add(name + ": attribute " + attribute.getKey() + "=\"" + attribute.getValue() + "\" not translated");
            }
          });
        }
      }
    }
    System.out.printf("Translations: %d page templates checked%n", checked);
    assertThat(problems).isEmpty();
  }

  @Test
  void scriptsShowOnlyTextsOfTheBundles() throws IOException {
    List<String> problems = new ArrayList<>();
    Pattern ownText = Pattern.compile("(textContent\\s*=|showProblem\\([^,]+,|new Error\\(|prompt\\(|confirm\\(|alert\\()\\s*['`\"][^'`\"]*\\p{L}{2,}");
    try (Stream<Path> files = Files.list(SCRIPTS)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        String js = Files.readString(file);
        keysNamed(js, Pattern.compile("\\bt\\('([A-Za-z0-9_.]+)'\\s*[,)]"), "js.", name, problems);
        keysNamedByPrefix(js, Pattern.compile("\\bt\\('([A-Za-z0-9_.]+)' \\+"), "js.", name, problems);
        Matcher own = ownText.matcher(js);
        while (own.find()) {
          problems.add(name + ": text of its own: " + own.group());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static boolean replaced(Element element) {
    return element.hasAttr("th:text") || element.hasAttr("th:utext") || element.hasAttr("th:replace")
        || element.hasAttr("th:insert");
  }

  private static boolean insideReplaced(Element element) {
    for (Element parent : element.parents()) {
      if (replaced(parent) && !"html".equals(parent.tagName())) {
        return true;
      }
    }
    return false;
  }

  private static void keysNamed(String source, Pattern pattern, String prefix, String file, List<String> problems) {
    Matcher matcher = pattern.matcher(source);
    while (matcher.find()) {
      String key = prefix + matcher.group(1);
      if (!english.containsKey(key) || !kiswahili.containsKey(key)) {
        problems.add(file + ": no text " + key);
      }
    }
  }

  private static void keysNamedByPrefix(String source, Pattern pattern, String prefix, String file, List<String> problems) {
    Matcher matcher = pattern.matcher(source);
    while (matcher.find()) {
      String start = prefix + matcher.group(1);
      if (english.stringPropertyNames().stream().noneMatch(k -> k.startsWith(start))) {
        problems.add(file + ": no text starting " + start);
      }
    }
  }

  @Test
  void everyFormHasItsTextsInKiswahili() throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> problems = new ArrayList<>();
    int texts = 0;
    int review = 0;
    int forms = 0;
    try (Stream<Path> files = Files.list(Path.of("../forms"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        forms++;
        com.fasterxml.jackson.databind.JsonNode form = json.readTree(file.toFile());
        String id = form.path("id").asText();
        Path translation = file.resolveSibling(id + ".sw.json");
        if (!Files.exists(translation)) {
          problems.add(id + ": no " + translation.getFileName());
          continue;
        }
        com.fasterxml.jackson.databind.JsonNode sw = json.readTree(translation.toFile());
        review += sw.path("review").size();
        com.fasterxml.jackson.databind.JsonNode components = sw.path("components");
        Set<String> known = new TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode component : ke.childprotection.engine.FormTexts.components(form)) {
          String name = ke.childprotection.engine.FormTexts.idOf(component);
          known.add(name);
          com.fasterxml.jackson.databind.JsonNode text = components.path(name);
          for (String property : List.of("label", "description", "text")) {
            if (component.hasNonNull(property) && !component.get(property).asText().isBlank()) {
              texts++;
              if (text.path(property).asText("").isBlank()) {
                problems.add(id + ": " + name + "." + property + " has no Kiswahili");
              } else if (!templateExpressions(component.get(property).asText()).equals(templateExpressions(text.path(property).asText()))) {
                problems.add(id + ": " + name + "." + property + " has other {{expressions}} in Kiswahili");
              }
            }
          }
          if (component.path("validate").hasNonNull("patternErrorMessage") && text.path("patternErrorMessage").asText("").isBlank()) {
            problems.add(id + ": " + name + ".patternErrorMessage has no Kiswahili");
          }
          for (com.fasterxml.jackson.databind.JsonNode option : component.path("values")) {
            texts++;
            if (text.path("values").path(option.path("value").asText()).asText("").isBlank()) {
              problems.add(id + ": " + name + " option " + option.path("value").asText() + " has no Kiswahili");
            }
          }
          if (component.hasNonNull("valuesKey") && "firstActions".equals(component.get("valuesKey").asText())) {
            // the options the policy table (report-triage.dmn) offers
            Matcher action = Pattern.compile("value: *\\\\?\"([A-Z_]+)").matcher(Files.readString(Path.of("../processes/report-triage.dmn")));
            Set<String> actions = new TreeSet<>();
            while (action.find()) {
              actions.add(action.group(1));
            }
            for (String value : actions) {
              texts++;
              if (text.path("values").path(value).asText("").isBlank()) {
                problems.add(id + ": first action " + value + " has no Kiswahili");
              }
            }
          }
        }
        components.fieldNames().forEachRemaining(name -> {
          if (!known.contains(name)) {
            problems.add(id + ": a translation for " + name + ", which the form does not have");
          }
        });
      }
    }
    System.out.printf("Translations: %d forms, %d form texts with Kiswahili, %d marked for review%n", forms, texts, review);
    assertThat(forms).isPositive();
    assertThat(problems).isEmpty();
  }

  private static List<String> templateExpressions(String text) {
    List<String> found = new ArrayList<>();
    Matcher expression = Pattern.compile("\\{\\{[^}]+}}").matcher(text);
    while (expression.find()) {
      found.add(expression.group());
    }
    java.util.Collections.sort(found);
    return found;
  }

  @Test
  void everyStepOfTheProcessesHasItsNameInBothLanguages() throws IOException {
    // the pages name a step (a task, an event, a sub-process) by step.<element id>: in English its name in the model
    Pattern element = Pattern.compile("<bpmn:(userTask|startEvent|endEvent|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent"
        + "|serviceTask|businessRuleTask|callActivity|subProcess|sendTask|receiveTask|process)\\b([^>]*)>");
    Pattern id = Pattern.compile("\\bid=\"([^\"]+)\"");
    Pattern name = Pattern.compile("\\bname=\"([^\"]+)\"");
    List<String> problems = new ArrayList<>();
    int steps = 0;
    try (Stream<Path> files = Files.list(Path.of("../processes"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        Matcher found = element.matcher(Files.readString(file));
        while (found.find()) {
          Matcher i = id.matcher(found.group(2));
          Matcher n = name.matcher(found.group(2));
          if (!i.find() || !n.find() || n.group(1).isBlank()) {
            continue;
          }
          steps++;
          String key = "step." + i.group(1);
          String modelName = org.jsoup.parser.Parser.unescapeEntities(n.group(1), false).replace("\n", " ").strip().replace('\'', '’');
          if (!english.containsKey(key) || !kiswahili.containsKey(key)) {
            problems.add(file.getFileName() + ": no text " + key + " (" + modelName + ")");
          } else if (!english.getProperty(key).equals(modelName) && !SHARED_IDS.contains(i.group(1))) {
            problems.add(key + ": the model calls it \"" + modelName + "\", the bundle \"" + english.getProperty(key) + "\"");
          }
        }
      }
    }
    System.out.printf("Translations: %d named steps of the processes%n", steps);
    assertThat(steps).isGreaterThan(100);
    assertThat(problems).isEmpty();
  }

  /** Ids that name a different element in two models: the bundle's English is one model's name. */
  private static final Set<String> SHARED_IDS = Set.of("CallActivity_CarePlacement");

  /** Bean validation's messages name their values ({min}) and are no MessageFormat patterns. */
  private static boolean bySimpleNames(String key) {
    return key.startsWith("jakarta.validation.") || key.startsWith("validation.");
  }

  private static Set<String> namedPlaceholders(String text) {
    Set<String> names = new TreeSet<>();
    Matcher name = Pattern.compile("\\{[A-Za-z]+}").matcher(text);
    while (name.find()) {
      names.add(name.group());
    }
    return names;
  }

  @Test
  void everyProblemTheCodeReportsHasItsTexts() throws IOException {
    // the keys the code names: problems it throws, field errors, form checks, validation messages
    Pattern named = Pattern.compile("\"((?:problem|validation|pdf|alert\\.poster|alert\\.share|notify)\\.[A-Za-z0-9_.]+)\"|\"\\{(validation\\.[A-Za-z0-9_.]+)}\"");
    Set<String> keys = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher key = named.matcher(Files.readString(file));
        while (key.find()) {
          String name = key.group(1) != null ? key.group(1) : key.group(2);
          keys.add(name);
          boolean prefix = name.endsWith(".");
          boolean known = prefix ? english.stringPropertyNames().stream().anyMatch(k -> k.startsWith(name))
              : english.containsKey(name) && kiswahili.containsKey(name);
          if (!known) {
            problems.add(file.getFileName() + ": no text " + name);
          }
        }
      }
    }
    // every reason a model gives its supervisor notification has its text (e-mail, SMS, "My notifications")
    try (Stream<Path> models = Files.list(Path.of("../processes"))) {
      for (Path model : models.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        Matcher reason = Pattern.compile("key=\"reason\" value=\"([A-Z_]+)\"").matcher(Files.readString(model));
        while (reason.find()) {
          keys.add("notify.reason." + reason.group(1));
          if (!english.containsKey("notify.reason." + reason.group(1)) || !kiswahili.containsKey("notify.reason." + reason.group(1))) {
            problems.add(model.getFileName() + ": no text notify.reason." + reason.group(1));
          }
        }
      }
    }
    System.out.printf("Translations: %d problem, validation and notification texts named in the code and models%n", keys.size());
    assertThat(keys).hasSizeGreaterThan(50);
    assertThat(problems).isEmpty();
  }

  private static int placeholders(String pattern) {
    return new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex().length;
  }

  private static Properties bundle(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(RESOURCES.resolve(name));
        Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }
}
