package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import ke.childprotection.trafficking.TraffickingReferrals;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finding a case: by a misspelt name (the matcher's comparison), by case number, with filters and a
 * page at a time; a protected child is found by its pseudonym, never by its name, by those who may not
 * know who it is.
 */
@IntegrationTest
class CaseSearchTest {
  @LocalServerPort int port;
  @Autowired TraffickingReferrals referrals;
  @Autowired TransactionTemplate tx;

  private static java.util.List<String> numbers(JsonNode page) {
    return StreamSupport.stream(page.get("cases").spliterator(), false).map(c -> c.get("caseNumber").asText()).toList();
  }

  @Test
  void aMisspeltNameACaseNumberAndFiltersFindTheCase() {
    Api caseworker = new Api(port, "cw.nairobi");
    Map<String, Object> report = MissingChildCaseEndToEndTest.report("Wanjiru", 12);
    report.put("childLastName", "Kamau");
    JsonNode wanjiru = caseworker.ok(caseworker.post("/api/cases", report));
    Map<String, Object> other = MissingChildCaseEndToEndTest.report("Otieno", 12);
    other.put("childLastName", "Odhiambo");
    JsonNode otieno = caseworker.ok(caseworker.post("/api/cases", other));
    String number = wanjiru.get("caseNumber").asText();

    JsonNode misspelt = caseworker.ok(caseworker.get("/api/cases/search?q=Wanjiro%20Kamao"));
    assertThat(numbers(misspelt)).contains(number).doesNotContain(otieno.get("caseNumber").asText());
    assertThat(misspelt.get("cases").get(0).get("caseNumber").asText()).as("best agreement first").isEqualTo(number);
    assertThat(numbers(caseworker.ok(caseworker.get("/api/cases/search?q=" + number.substring(number.length() - 6)))))
        .containsExactly(number);
    assertThat(numbers(caseworker.ok(caseworker.get("/api/cases/search?q=Wanjiru&status=CLOSED")))).doesNotContain(number);
    assertThat(numbers(new Api(port, "cw.mombasa").ok(new Api(port, "cw.mombasa").get("/api/cases/search?q=Wanjiru"))))
        .as("another county's case").doesNotContain(number);

    JsonNode firstPage = caseworker.ok(caseworker.get("/api/cases/search?size=1&page=0"));
    assertThat(firstPage.get("cases")).hasSize(1);
    assertThat(firstPage.get("total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(caseworker.get("/api/cases/search?size=0").status()).isEqualTo(400);

    // protected: the pseudonym finds the child for a caseworker who may not know who it is; the name does not
    tx.executeWithoutResult(s -> referrals.protect(UUID.fromString(wanjiru.get("id").asText()), "Child K-4", "ctip", "search"));
    Api notAssigned = new Api(port, "cw2.nairobi");
    assertThat(numbers(notAssigned.ok(notAssigned.get("/api/cases/search?q=Wanjiru%20Kamau")))).doesNotContain(number);
    JsonNode byPseudonym = notAssigned.ok(notAssigned.get("/api/cases/search?q=" + number.substring(number.length() - 6)));
    assertThat(byPseudonym.get("cases").get(0).get("childName").asText()).isEqualTo("Child K-4");
  }
}
