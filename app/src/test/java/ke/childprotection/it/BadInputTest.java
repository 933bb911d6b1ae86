package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad input gets a clear 400 naming the field, never an internal error, and nothing is saved. */
@IntegrationTest
class BadInputTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private void refused(Api.Response answer, String field) {
    assertThat(answer.status()).as(answer.body().toString()).isEqualTo(400);
    assertThat(answer.body().get("errors").toString()).contains("\"" + field + "\"");
    assertThat(answer.body().toString()).doesNotContainIgnoringCase("exception").doesNotContain("org.").doesNotContain("SQL");
  }

  @Test
  void controlCharactersFarDatesOverlongTextAndWrongTypesAreNamed() {
    Api caseworker = new Api(port, "cw.nairobi");
    long before = jdbc.queryForObject("select count(*) from child_case", Long.class);

    Map<String, Object> nul = MissingChildCaseEndToEndTest.report("Nul", 9);
    nul.put("lastSeenPlace", "Toi\u0000market");
    refused(caseworker.post("/api/cases", nul), "lastSeenPlace");

    Map<String, Object> ancient = MissingChildCaseEndToEndTest.report("Ancient", 9);
    ancient.put("lastSeenAt", "0001-01-01T00:00:00Z");
    refused(caseworker.post("/api/cases", ancient), "lastSeenAt");

    Map<String, Object> long_ = MissingChildCaseEndToEndTest.report("Long", 9);
    long_.put("lastSeenPlace", "x".repeat(201));
    refused(caseworker.post("/api/cases", long_), "lastSeenPlace");

    Map<String, Object> wrongType = MissingChildCaseEndToEndTest.report("Typed", 9);
    wrongType.put("childAge", Map.of("years", 9));
    refused(caseworker.post("/api/cases", wrongType), "childAge");

    Map<String, Object> fractional = MissingChildCaseEndToEndTest.report("Fraction", 9);
    fractional.put("childAge", 7.5);
    refused(caseworker.post("/api/cases", fractional), "childAge");

    Map<String, Object> textAge = MissingChildCaseEndToEndTest.report("Text", 9);
    textAge.put("childAge", "abc");
    refused(caseworker.post("/api/cases", textAge), "childAge");

    Map<String, Object> nowhere = MissingChildCaseEndToEndTest.report("Nowhere", 9);
    nowhere.put("countyCode", "999");
    refused(caseworker.post("/api/cases", nowhere), "countyCode");

    refused(new Api(port, "sup.nairobi").get("/api/dashboard/operations?county=%00"), "county");
    assertThat(jdbc.queryForObject("select count(*) from child_case", Long.class)).as("nothing saved").isEqualTo(before);
  }
}
