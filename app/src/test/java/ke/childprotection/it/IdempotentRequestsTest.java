package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A client that retries with the same Idempotency-Key gets the first answer, never a second case. */
@IntegrationTest
class IdempotentRequestsTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private long casesNamed(String name) {
    return jdbc.queryForObject("select count(*) from child_case where child_first_name = ?", Long.class, name);
  }

  @Test
  void aRepeatedReportReturnsTheFirstCase() {
    Api caseworker = new Api(port, "cw.nairobi");
    String key = UUID.randomUUID().toString();
    Object report = MissingChildCaseEndToEndTest.report("Idempotent", 7);
    Api.Response first = caseworker.post("/api/cases", report, key);
    Api.Response again = caseworker.post("/api/cases", report, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
    assertThat(again.body().get("caseNumber").asText()).isEqualTo(first.body().get("caseNumber").asText());
    assertThat(casesNamed("Idempotent")).isEqualTo(1);
    // one start command for the case, and it reaches the engine: the case's first step appears
    String caseId = first.body().get("id").asText();
    assertThat(jdbc.queryForObject("select count(*) from engine_command where case_id = ?::uuid and message_name = 'missing-child-reported'",
        Long.class, caseId)).isEqualTo(1);
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
        jdbc.queryForObject("select count(*) from user_task where case_id = ?::uuid", Long.class, caseId) == 1);

    // the same key for another request is refused, and creates nothing
    Api.Response other = caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Different", 7), key);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.body().get("detail").asText()).contains("different request");
    assertThat(casesNamed("Different")).isZero();
    // keys belong to their user: another caseworker's same key is another request
    Api colleague = new Api(port, "cw2.nairobi");
    assertThat(colleague.post("/api/cases", report, key).status()).isEqualTo(201);
    assertThat(casesNamed("Idempotent")).isEqualTo(2);
  }

  @Test
  void theSameReportSentManyTimesAtOnceMakesOneCase() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    String key = UUID.randomUUID().toString();
    Object report = MissingChildCaseEndToEndTest.report("AtOnce", 6);
    List<Api.Response> answers = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Api.Response>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> caseworker.post("/api/cases", report, key)));
      }
      for (Future<Api.Response> call : calls) {
        answers.add(call.get());
      }
    }
    assertThat(casesNamed("AtOnce")).isEqualTo(1);
    // each answer is the case, or "still being processed" (409) for one that came while the first was at work
    assertThat(answers).allMatch(a -> a.status() == 201 || a.status() == 409);
    assertThat(answers.stream().filter(a -> a.status() == 201).map(a -> a.body().get("id").asText()).distinct()).hasSize(1);
  }

  @Test
  void aRepeatedSightingIsRecordedOnce() {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Sighted", 9))).get("id").asText();
    Map<String, Object> sighting = Map.of("seenAt", OffsetDateTime.now().minusMinutes(10).toString(), "place", "Gikomba market",
        "description", "seen with an older boy");
    String key = UUID.randomUUID().toString();
    assertThat(caseworker.post("/api/cases/" + caseId + "/sightings", sighting, key).status()).isEqualTo(202);
    assertThat(caseworker.post("/api/cases/" + caseId + "/sightings", sighting, key).status()).isEqualTo(202);
    assertThat(jdbc.queryForObject("select count(*) from case_event where case_id = ?::uuid and kind = 'SIGHTING_REPORTED'",
        Long.class, caseId)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from engine_command where case_id = ?::uuid and message_name = 'sighting-reported'",
        Long.class, caseId)).isEqualTo(1);
  }
}
