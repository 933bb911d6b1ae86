package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import ke.childprotection.trafficking.TraffickingReferrals;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The authorization matrix (src/test/resources/authorization-matrix.md): every API operation of the
 * API description and every page, for every kind of user, own county and other county, a protected
 * child, and no sign-in. Each cell is a request; the outcome must be the table's. Prints the counts.
 */
@IntegrationTest
class AuthorizationMatrixTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The table's columns: who asks (the protected column asks about the protected child). */
  private static final List<String> COLUMNS = List.of("anon", "cw", "cw-other", "sup", "sup-other", "panel", "ctip", "admin", "protected");
  private static final Map<String, String> USERS = Map.of("cw", "cw.nairobi", "cw-other", "cw.mombasa", "sup", "sup.nairobi",
      "sup-other", "sup.mombasa", "panel", "panel.nairobi", "ctip", "ctip", "admin", "admin", "protected", "cw2.nairobi");

  @LocalServerPort int port;
  @Autowired TraffickingReferrals referrals;
  @Autowired TransactionTemplate tx;

  private String ordinary;
  private String protectedCase;
  private long task;
  private String document;
  private String protectedDocument;
  private int created;

  @Test
  void everyOperationAndPageForEveryKindOfUserIsAsTheMatrixSays() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    ordinary = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Matrix", 11))).get("id").asText();
    task = MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", ordinary, "Task_AcceptCase").get("id").asLong();
    document = caseworker.ok(caseworker.upload("/api/cases/" + ordinary + "/documents", "PHOTO", "p.png", "image/png",
        CaseDocumentsTest.png())).get("id").asText();
    protectedCase = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Guarded", 15))).get("id").asText();
    protectedDocument = caseworker.ok(caseworker.upload("/api/cases/" + protectedCase + "/documents", "PHOTO", "p.png", "image/png",
        CaseDocumentsTest.png())).get("id").asText();
    tx.executeWithoutResult(s -> referrals.protect(UUID.fromString(protectedCase), "Child M-1", "ctip", "matrix"));
    new Api(port, "admin").ok(new Api(port, "admin").post("/api/users", Map.of("username", "matrix.target", "fullName",
        "Matrix Target", "role", "CASEWORKER", "countyCode", "047", "password", "matrix target password")));

    List<String> table = Files.readAllLines(Path.of("src/test/resources/authorization-matrix.md")).stream()
        .filter(l -> l.startsWith("| GET ") || l.startsWith("| POST ") || l.startsWith("| PUT ") || l.startsWith("| DELETE ")
            || l.startsWith("| PAGE ")).toList();
    JsonNode api = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    List<String> described = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = api.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(method -> described.add(method.toUpperCase() + " " + path.getKey()));
    }
    List<String> operations = table.stream().map(l -> l.split("\\|")[1].trim()).toList();
    assertThat(operations).as("every operation of the API description is in the matrix").containsAll(described);

    Map<String, Integer> outcomes = new TreeMap<>();
    List<String> wrong = new ArrayList<>();
    for (String line : table) {
      String[] cells = line.split("\\|");
      String operation = cells[1].trim();
      for (int c = 0; c < COLUMNS.size(); c++) {
        String column = COLUMNS.get(c);
        String expected = cells[c + 2].trim();
        HttpResponse<String> answer = send(operation, column);
        for (java.io.InputStream stream : STREAMS) {
          stream.close();
        }
        STREAMS.clear();
        String outcome = outcome(answer, expected);
        outcomes.merge(outcome, 1, Integer::sum);
        if (!outcome.equals(expected)) {
          wrong.add(operation + " as " + column + ": expected " + expected + ", got " + outcome + " (" + answer.statusCode() + " "
              + answer.body().substring(0, Math.min(160, answer.body().length())).replace('\n', ' ') + ")");
        }
      }
    }
    long leaks = wrong.stream().filter(w -> w.contains("got ok") && !w.contains("expected ok")).count();
    System.out.printf("Authorization matrix: %d operations and pages x %d identities = %d requests %s; %d leaks, %d other differences%n",
        table.size(), COLUMNS.size(), table.size() * COLUMNS.size(), outcomes, leaks, wrong.size() - leaks);
    wrong.forEach(w -> System.out.println("  " + w));
    assertThat(wrong).as("cells that differ from the matrix").isEmpty();
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private static String outcome(HttpResponse<String> answer, String expected) {
    int status = answer.statusCode();
    if (status == 401 || (status == 302 && answer.headers().firstValue("Location").orElse("").contains("/login"))) {
      return "401";
    }
    if (status == 404 && "404".equals(expected)) {
      return "404";
    }
    if (status == 403 || status == 404) {
      return "deny";
    }
    return status >= 500 ? "error " + status : "ok";
  }

  private HttpResponse<String> send(String operation, String column) throws Exception {
    String[] parts = operation.split(" ", 2);
    String method = parts[0];
    boolean page = "PAGE".equals(method);
    String caseId = "protected".equals(column) ? protectedCase : ordinary;
    String path = parts[1].replace("{caseId}", caseId).replace("{documentId}", "protected".equals(column) ? protectedDocument : document)
        .replace("{processId}", "missing-child-case").replace("{elementId}", "Task_AcceptCase").replace("{username}", "matrix.target")
        .replace("{key}", "1").replace("{caseNumber}", "MC-047-2026-000001");
    path = path.startsWith("/api/tasks/") || path.startsWith("/tasks/") ? path.replace("{id}", Long.toString(task))
        : path.startsWith("/api/admin/messages/") ? path.replace("{id}", "1")
        : path.startsWith("/api/admin/partners/") ? path.replace("{id}", "no-such-partner") : path.replace("{id}", caseId);
    path += query(operation);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
    if (!"anon".equals(column)) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (USERS.get(column) + ":demo1234").getBytes(StandardCharsets.UTF_8)));
    }
    if (page) {
      return HTTP.send(request.GET().build(), BODY);
    }
    // any representation: the answer is the permission's, not content negotiation's
    request.header("Accept", "application/json, */*");
    if (operation.equals("POST /api/cases/{caseId}/documents")) {
      return upload(request);
    }
    Object body = body(operation, column);
    if (body == null) {
      request.method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return HTTP.send(request.build(), BODY);
  }

  /** Event streams answered, closed once their answer's head has come (they do not end). */
  private static final List<java.io.InputStream> STREAMS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The body as text; an event stream's as a placeholder (it is closed after the answer: {@link #STREAMS}). */
  private static final HttpResponse.BodyHandler<String> BODY = info ->
      info.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")
          ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> {
              STREAMS.add(in);
              return "(an event stream)";
            })
          : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

  private static String query(String operation) {
    String period = YearMonth.now().toString();
    return switch (operation) {
      case "GET /api/reports/outcomes", "PAGE /reports" -> "?period=" + period;
      case "GET /api/reports/outcomes/cases" -> "?measure=REPORTED&period=" + period;
      case "GET /api/reports/county-report.csv", "GET /api/reports/county-report.pdf" -> "?period=" + period;
      case "GET /api/cases/{id}/record-export" -> "?reason=matrix%20check%20of%20a%20lawful%20request";
      case "GET /api/admin/audit", "GET /api/admin/audit.csv" -> "?user=cw.nairobi&limit=5";
      default -> "";
    };
  }

  /** A sample body that passes validation, so that the answer says what the permission allows. */
  private Object body(String operation, String column) {
    String now = OffsetDateTime.now().minusMinutes(30).toString();
    return switch (operation) {
      case "POST /api/cases" -> MissingChildCaseEndToEndTest.report("Matrix " + column, 9);
      case "POST /api/cases/found" -> MatchingEndToEndTest.found("Matrix", column, 9, false);
      case "PUT /api/cases/{id}/record" -> {
        Map<String, Object> correction = new HashMap<>();
        correction.put("version", 0);
        correction.put("childFirstName", "Matrix");
        correction.put("childSex", "FEMALE");
        correction.put("place", "Toi market");
        correction.put("consentTracing", true);
        correction.put("consentPublicity", true);
        correction.put("reason", "matrix check");
        yield correction;
      }
      case "POST /api/cases/{id}/trafficking-concern" -> Map.of("act", false, "means", false, "purpose", false, "crossBorder", false);
      case "POST /api/cases/{id}/sightings" -> Map.of("seenAt", now, "place", "Kibra", "description", "matrix check");
      case "POST /api/cases/{id}/located" -> Map.of("locatedAt", now, "place", "Kibra", "how", "FOUND");
      case "POST /api/cases/{id}/withdrawn" -> Map.of("withdrawnBy", "the mother", "reason", "matrix check");
      case "POST /api/tasks/{id}/complete" -> Map.of();
      case "POST /api/tasks/{id}/assign" -> {
        Map<String, Object> nobody = new LinkedHashMap<>();
        nobody.put("assignee", null);
        yield nobody;
      }
      case "POST /api/users" -> Map.of("username", "matrix." + column + "." + (created++), "fullName", "Matrix", "role", "CASEWORKER",
          "countyCode", "047", "password", "matrix user password");
      case "POST /api/admin/partners" -> Map.of("id", "matrix-" + column + "-" + (created++), "name", "Matrix", "kind", "POLICE",
          "scopes", List.of("report:status"));
      case "PUT /api/users/{username}" -> Map.of("fullName", "Matrix Target", "role", "CASEWORKER", "countyCode", "047", "enabled", true);
      case "POST /api/users/{username}/password" -> Map.of("password", "matrix target password");
      case "PUT /api/me/notifications" -> Map.of("byEmail", false, "bySms", false, "deadlines", true, "escalations", true,
          "newTasks", false, "dailyDigest", false);
      default -> null;
    };
  }

  private HttpResponse<String> upload(HttpRequest.Builder request) throws Exception {
    String boundary = "----matrix";
    var body = new java.io.ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nPHOTO\r\n--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(CaseDocumentsTest.png());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HTTP.send(request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
  }
}
