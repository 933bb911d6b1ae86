package ke.childprotection.it;

import com.fasterxml.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What a new user meets first, and what the pages refuse: login, health, API description, county walls. */
@IntegrationTest
class PagesAndDocsTest {
  @LocalServerPort int port;
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String user) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo1234").getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void loginHealthAndApiDescriptionAreOpenEverythingElseNeedsASignIn() throws Exception {
    assertThat(get("/login", null).body()).contains("Sign in").contains("name=\"password\"");
    assertThat(get("/actuator/health", null).body()).contains("\"status\":\"UP\"");
    String docs = get("/v3/api-docs", null).body();
    assertThat(docs).contains("/api/cases", "/api/cases/{id}", "/api/cases/{id}/timeline", "/api/tasks",
        "/api/tasks/{id}/claim", "/api/tasks/{id}/unclaim", "/api/tasks/{id}/complete", "/api/cases/{id}/located",
        "/api/cases/{id}/sightings");
    HttpResponse<String> tasks = get("/tasks", null);
    assertThat(tasks.statusCode()).isEqualTo(302);
    assertThat(tasks.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    assertThat(get("/api/tasks", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aCasePageIsShownInItsCountyOnlyAndEveryReadIsAudited() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Furaha", 11))).get("id").asText();
    HttpResponse<String> own = get("/cases/" + caseId, "sup.nairobi");
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).contains("Furaha Synthetic", "Toi market, Kibra", "Missing child reported");

    assertThat(own.body()).as("a county by its name").contains("Nairobi, Kibra");

    // Plain words: a record by its form's labels and values, the people by name, codes as words.
    JsonNode accept = MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    MissingChildCaseEndToEndTest.complete(caseworker, accept, java.util.Map.of("acceptConfirmed", true, "acceptanceNote", "on my way"));
    String page = get("/cases/" + caseId, "sup.nairobi").body();
    assertThat(page).contains("Accept case · ", "I accept responsibility for this case", "<dd>yes</dd>", "on my way", "female, 11")
        .doesNotContain("acceptConfirmed", "accept-case ·", "(PARENT)").contains("(parent or guardian)");
    assertThat(page).containsPattern("Accept case · [A-Z][a-z]+ [A-Z]");

    // The outcomes page: a period picked by name; one typed into the address is said plainly, never a 500.
    HttpResponse<String> december = get("/reports?period=December", "sup.nairobi");
    assertThat(december.statusCode()).isEqualTo(200);
    assertThat(december.body()).contains("is not a period this page knows", java.time.YearMonth.now().getMonth()
        .getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH));
    assertThat(get("/reports?period=2026-Q4", "admin").body()).contains("Q4 2026 (Oct–Dec)", ">Nairobi</option>");

    HttpResponse<String> other = get("/cases/" + caseId, "sup.mombasa");
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(other.body()).doesNotContain("Furaha");
    assertThat(get("/cases", "sup.mombasa").body()).doesNotContain("Furaha");
    assertThat(get("/cases/new", "ctip").statusCode()).as("the secretariat does not take county reports").isEqualTo(403);
  }

  @Test
  void aSecondReportOfTheSameChildIsFlaggedAsAPossibleDuplicate() {
    Api caseworker = new Api(port, "cw.nairobi");
    String first = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Kito", 8))).get("caseNumber").asText();
    String second = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("kito", 9))).get("id").asText();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
        caseworker.ok(caseworker.get("/api/cases/" + second)).get("child").path("possibleDuplicates").asText("").contains(first));
    String unrelated = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Kito", 15))).get("id").asText();
    MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", unrelated, "Task_AcceptCase");
    assertThat(caseworker.ok(caseworker.get("/api/cases/" + unrelated)).get("child").path("possibleDuplicates").asText(""))
        .as("age 15 is not within a year of 8 or 9").isEmpty();
  }
}
