package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A user whose phone speaks Kiswahili gets the pages and the API's problems in Kiswahili; a user who
 * chooses a language keeps it on every device they sign in from; everyone else gets English.
 */
@IntegrationTest
class LanguagesTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void problemsAreToldInTheLanguageOfTheDevice() {
    jdbc.update("update app_user set language = null where username = 'cw.mombasa'"); // no choice of her own: her device's
    Map<String, Object> bad = MissingChildCaseEndToEndTest.report("Lugha", 9);
    bad.put("countyCode", "47");
    bad.remove("childSex");
    Api kiswahili = new Api(port, "cw.mombasa").speaking("sw-KE,sw;q=0.9,en;q=0.5");
    Api english = new Api(port, "cw.mombasa").speaking("en-GB");

    Api.Response swahiliAnswer = kiswahili.post("/api/cases", bad);
    assertThat(swahiliAnswer.status()).isEqualTo(400);
    assertThat(swahiliAnswer.body().get("title").asText()).isEqualTo("Taarifa si sahihi");
    assertThat(swahiliAnswer.body().get("detail").asText()).isEqualTo("Ombi lina sehemu zisizo sahihi.");
    assertThat(message(swahiliAnswer, "countyCode")).isEqualTo("lazima iwe msimbo wa kaunti wa tarakimu tatu");
    assertThat(message(swahiliAnswer, "childSex")).isEqualTo("isiachwe tupu");

    Api.Response englishAnswer = english.post("/api/cases", bad);
    assertThat(englishAnswer.body().get("title").asText()).isEqualTo("Invalid input");
    assertThat(message(englishAnswer, "countyCode")).isEqualTo("must be a three-digit county code");
    assertThat(message(englishAnswer, "childSex")).isEqualTo("must not be blank");

    String unknown = UUID.randomUUID().toString();
    Api.Response notFound = kiswahili.get("/api/cases/" + unknown);
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(notFound.body().get("title").asText()).isEqualTo("Haipatikani");
    assertThat(notFound.body().get("detail").asText()).isEqualTo("Hakuna kesi " + unknown + ".");
    assertThat(english.get("/api/cases/" + unknown).body().get("detail").asText()).isEqualTo("No case " + unknown + ".");

    // a language the system does not have: English
    assertThat(new Api(port, "cw.mombasa").speaking("fr-FR").post("/api/cases", bad).body().get("title").asText())
        .isEqualTo("Invalid input");
  }

  @Test
  void theChosenLanguageStaysWithTheUserOnEveryDevice() {
    Api phone = new Api(port, "sup.mombasa");
    try {
      assertThat(phone.page("/tasks")).contains("<html lang=\"en\"");
      var chosen = phone.form("/language", Map.of("lang", "sw", "back", "/tasks"));
      assertThat(chosen.statusCode()).isEqualTo(302);
      assertThat(chosen.headers().firstValue("Location").orElseThrow()).endsWith("/tasks");
      assertThat(jdbc.queryForObject("select language from app_user where username = 'sup.mombasa'", String.class))
          .isEqualTo("sw");

      // another device, set to English: the user's choice wins
      String page = phone.speaking("en-US").page("/tasks");
      assertThat(page).contains("<html lang=\"sw\"").contains("Kazi");
      assertThat(phone.speaking("en-US").get("/api/cases/" + UUID.randomUUID()).body().get("title").asText())
          .isEqualTo("Haipatikani");

      // no language but ours, and no way out of the site
      var elsewhere = phone.form("/language", Map.of("lang", "xx", "back", "//elsewhere.example"));
      assertThat(elsewhere.headers().firstValue("Location").orElseThrow()).doesNotContain("elsewhere").endsWith("/");
      assertThat(jdbc.queryForObject("select language from app_user where username = 'sup.mombasa'", String.class))
          .isEqualTo("sw");
      assertThat(phone.form("/language", Map.of("lang", "en")).statusCode()).isEqualTo(302);
      assertThat(phone.speaking("sw").page("/tasks")).contains("<html lang=\"en\"");
    } finally {
      jdbc.update("update app_user set language = null where username = 'sup.mombasa'");
    }
  }

  private static String message(Api.Response answer, String field) {
    for (var error : answer.body().get("errors")) {
      if (field.equals(error.get("field").asText())) {
        return error.get("message").asText();
      }
    }
    throw new AssertionError("no error for " + field + " in " + answer.body());
  }
}
