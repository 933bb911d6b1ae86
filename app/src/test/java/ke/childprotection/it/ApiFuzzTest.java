package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A bounded, schema-driven fuzz run over every operation of the API description: path, query and body
 * values from each parameter's schema, then broken the ways field use breaks them (NUL characters,
 * text longer than any column, dates far in the past or future, numbers out of range, wrong types,
 * missing fields), sent as each kind of user. Every answer must be a clear 2xx or 4xx without SQL or
 * Java class names, and no request may leave a partial case behind. Fixed seed: the same requests in
 * every run. Prints the number of requests.
 */
@IntegrationTest
// its own application, database schema and engine: the cases it makes stay out of the other tests' way
@org.springframework.test.context.TestPropertySource(properties = "MCC_DB_SCHEMA=mcc_it_fuzz")
// its own context (schema, engine, background loops): closed when the class is done, so that it does not
// compete with the shared context for the two cores while later classes run
@org.springframework.test.annotation.DirtiesContext
class ApiFuzzTest {
  private static final int PER_OPERATION = 40;
  private static final long SEED = 20261201L;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> USERS = List.of("admin", "cw.nairobi", "sup.nairobi", "ctip", "cw.mombasa");
  /** What an answer must never show: SQL, driver or framework internals, Java class names. */
  private static final Pattern INTERNALS = Pattern.compile(
      "(?i)(sqlstate|psqlexception|org\\.postgresql|org\\.h2|org\\.hibernate|org\\.springframework|java\\.lang|java\\.sql|jakarta\\."
          + "|\\bselect\\b[^\"]{0,80}\\bfrom\\b|\\binsert into\\b|\\bviolates\\b|\\bERROR: |Exception\\b|\\bat [a-z]+\\.[a-z]+\\.)");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private final Random random = new Random(SEED);
  private JsonNode api;
  private String caseId;
  private long taskId;

  @Test
  void everyOperationAnswersBrokenInputClearlyAndKeepsNoPartialCase() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Fuzzed", 12))).get("id").asText();
    taskId = MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase").get("id").asLong();
    Api admin = new Api(port, "admin");
    admin.post("/api/users", Map.of("username", "fuzz.target", "fullName", "Fuzz Target", "role", "CASEWORKER",
        "countyCode", "047", "password", "fuzz target password"));
    api = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs")).build(),
        HttpResponse.BodyHandlers.ofString()).body());

    Map<String, Integer> byStatus = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    int requests = 0;
    int operations = 0;
    for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        operations++;
        for (int i = 0; i < PER_OPERATION; i++) {
          String user = USERS.get(i % USERS.size());
          HttpResponse<String> answer = send(op.getKey().toUpperCase(), path.getKey(), op.getValue(), user, i);
          requests++;
          byStatus.merge(answer.statusCode() / 100 + "xx", 1, Integer::sum);
          String body = answer.body() == null ? "" : answer.body();
          if (answer.statusCode() >= 500 || (!answer.headers().firstValue("Content-Type").orElse("").contains("pdf")
              && INTERNALS.matcher(body).find())) {
            failures.add(answer.statusCode() + " " + answer.request().method() + " " + answer.request().uri() + " as " + user
                + " -> " + body.substring(0, Math.min(400, body.length())));
          }
        }
      }
    }
    System.out.printf("API fuzz: %d requests over %d operations (seed %d): %s%n", requests, operations, SEED, byStatus);
    failures.stream().limit(40).forEach(f -> System.out.println("  " + f));
    assertThat(failures).as("answers with 5xx or internals").isEmpty();

    // no partial case: every case has its first timeline entry and the command that starts its process
    assertThat(jdbc.queryForObject("""
        select count(*) from child_case c where not exists (select 1 from case_event e where e.case_id = c.id)
          or not exists (select 1 from engine_command x where x.case_id = c.id and x.message_id = 'case-started:' || c.id)""",
        Long.class)).isZero();
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private HttpResponse<String> send(String method, String template, JsonNode op, String user, int i) throws Exception {
    String path = template;
    StringBuilder query = new StringBuilder();
    HttpRequest.Builder request = HttpRequest.newBuilder();
    for (JsonNode param : op.path("parameters")) {
      String name = param.get("name").asText();
      JsonNode schema = resolve(param.path("schema"));
      String where = param.get("in").asText();
      if ("path".equals(where)) {
        path = path.replace("{" + name + "}", URLEncoder.encode(pathValue(template, name, schema, i), StandardCharsets.UTF_8)
            .replace("+", "%20"));
      } else if ("query".equals(where) && random.nextInt(3) > 0) {
        query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
            .append(URLEncoder.encode(scalar(schema, i).asText(), StandardCharsets.UTF_8));
      } else if ("header".equals(where) && random.nextBoolean()) {
        request.header(name, "fuzz-" + random.nextInt(1000));
      }
    }
    request.uri(URI.create(base() + path + query)).header("Accept", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo1234").getBytes(StandardCharsets.UTF_8)));
    JsonNode content = op.path("requestBody").path("content");
    if (content.has("application/json")) {
      JsonNode body = i % 7 == 6 ? NODES.textNode("not an object") : value(resolve(content.get("application/json").get("schema")), i, 0);
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    } else if (content.has("multipart/form-data")) {
      String boundary = "----fuzz" + i;
      String part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + scalar(NODES.objectNode(), i).asText()
          + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f" + i + ".bin\"\r\n"
          + "Content-Type: " + (i % 2 == 0 ? "image/png" : "application/octet-stream") + "\r\n\r\n" + "x".repeat(i * 37)
          + "\r\n--" + boundary + "--\r\n";
      request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
          .method(method, HttpRequest.BodyPublishers.ofString(part));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Path values: mostly ones that exist (the case, its task, the fuzz user), then broken ones. */
  private String pathValue(String template, String name, JsonNode schema, int i) {
    int pick = random.nextInt(6);
    if (pick == 5) {
      return List.of("\u0000", "x".repeat(3000), "-1", "99999999999999999999", "..", "%").get(random.nextInt(6));
    }
    return switch (name) {
      case "id", "caseId" -> template.startsWith("/api/tasks") ? (pick < 3 ? Long.toString(taskId) : Long.toString(random.nextLong()))
          : (pick < 3 ? caseId : UUID.randomUUID().toString());
      case "username" -> pick < 3 ? "fuzz.target" : "nobody-" + pick;
      case "processId" -> pick < 3 ? "missing-child-case" : "no-such-process";
      case "elementId" -> pick < 3 ? "Task_AcceptCase" : "Task_" + pick;
      default -> scalar(schema, i).asText();
    };
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref == null) {
      return schema;
    }
    return api.at("/components/schemas/" + ref.asText().substring("#/components/schemas/".length()));
  }

  /** A value for a schema: valid-looking most of the time, broken some of the time. */
  private JsonNode value(JsonNode schema, int i, int depth) {
    schema = resolve(schema);
    if (random.nextInt(12) == 0) {
      return NODES.nullNode();
    }
    String type = schema.path("type").asText("object");
    if ("object".equals(type) && depth < 3) {
      ObjectNode object = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> props = schema.path("properties").fields(); props.hasNext(); ) {
        Map.Entry<String, JsonNode> prop = props.next();
        if (random.nextInt(10) > 0) {
          object.set(prop.getKey(), value(prop.getValue(), i, depth + 1));
        }
      }
      return object;
    }
    if ("array".equals(type) && depth < 3) {
      ArrayNode array = NODES.arrayNode();
      int n = random.nextInt(4);
      for (int k = 0; k < n; k++) {
        array.add(value(schema.path("items"), i, depth + 1));
      }
      return array;
    }
    return scalar(schema, i);
  }

  private JsonNode scalar(JsonNode schema, int i) {
    String type = schema.path("type").asText("string");
    String format = schema.path("format").asText("");
    int breakage = random.nextInt(10);
    if (breakage == 0) {
      return NODES.textNode("\u0000nul" + "\u0000");
    }
    if (breakage == 1) {
      return NODES.textNode("x".repeat(List.of(81, 201, 1001, 4001, 20_001).get(random.nextInt(5))));
    }
    if (breakage == 2) {
      return switch (format) {
        case "date-time" -> NODES.textNode(List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+10000-01-01T00:00:00Z",
            "-0044-03-15T12:00:00Z", "1970-13-45T99:00:00Z").get(random.nextInt(5)));
        case "date" -> NODES.textNode(List.of("0001-01-01", "9999-12-31", "+99999-01-01", "2026-02-30").get(random.nextInt(4)));
        default -> NODES.numberNode(List.of(Long.MAX_VALUE, -1L, (long) Integer.MAX_VALUE + 1, 0L).get(random.nextInt(4)));
      };
    }
    if (breakage == 3) {
      return random.nextBoolean() ? NODES.booleanNode(true) : NODES.objectNode().put("nested", "object");
    }
    if (schema.has("enum")) {
      JsonNode values = schema.get("enum");
      return values.get(random.nextInt(values.size()));
    }
    return switch (type) {
      case "integer", "number" -> NODES.numberNode(random.nextInt(30));
      case "boolean" -> NODES.booleanNode(random.nextBoolean());
      default -> switch (format) {
        case "date-time" -> NODES.textNode(java.time.OffsetDateTime.now().minusHours(random.nextInt(100)).toString());
        case "date" -> NODES.textNode(java.time.LocalDate.now().minusDays(random.nextInt(100)).toString());
        case "uuid" -> NODES.textNode(random.nextBoolean() ? caseId : UUID.randomUUID().toString());
        default -> NODES.textNode(List.of("047", "001", "2026-11", "2026-Q4", "MC-047-2026-000001", "FEMALE", "Kibra",
            "+254700000001", "Synthetic", "PHOTO").get(random.nextInt(10)));
      };
    };
  }
}
