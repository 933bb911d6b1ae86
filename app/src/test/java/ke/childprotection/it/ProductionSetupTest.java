package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import ke.childprotection.CaseSystemApplication;
import ke.childprotection.security.CreateAdministrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database set up with the postgres profile (a pilot, production) gets no demo user: its first
 * administrator is made by the one-time command, which refuses a second time; the API description is
 * off; the pages carry the security headers and SameSite cookies.
 */
@IntegrationTest
class ProductionSetupTest {
  private static final String SCHEMA = "mcc_production_setup";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired JdbcTemplate jdbc;
  @TempDir Path engine;

  private static HttpResponse<String> get(int port, String path, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void noDemoUsersTheFirstAdministratorByCommandAndNoApiDescription() throws Exception {
    jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
    String[] database = {"PGDATABASE=" + jdbc.queryForObject("select current_database()", String.class), "MCC_DB_SCHEMA=" + SCHEMA};
    try (ConfigurableApplicationContext command = new SpringApplicationBuilder(CreateAdministrator.class)
        .web(WebApplicationType.NONE).profiles("postgres").run("--" + database[0], "--" + database[1])) {
      JdbcClient db = command.getBean(JdbcClient.class);
      assertThat(CreateAdministrator.create(db, "First Admin", "x", "long enough pass".toCharArray()).created())
          .as("a username that is no username").isFalse();
      assertThat(CreateAdministrator.create(db, "first.admin", "First Administrator", "short".toCharArray()).created()).isFalse();
      assertThat(CreateAdministrator.create(db, "first.admin", "First Administrator", "a long enough passphrase".toCharArray())
          .created()).isTrue();
      CreateAdministrator.Outcome again = CreateAdministrator.create(db, "second.admin", "Second", "another long passphrase".toCharArray());
      assertThat(again.created()).as("one time only").isFalse();
      assertThat(again.message()).contains("has an administrator already");
    }
    // command-line arguments: they take precedence over application.yml (default properties do not)
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CaseSystemApplication.class)
        .profiles("postgres")
        .run("--" + database[0], "--" + database[1], "--server.port=0", "--mcc.engine.embedded.port=0",
            "--mcc.engine.embedded.directory=" + engine)) {
      int port = ((WebServerApplicationContext) app).getWebServer().getPort();
      assertThat(jdbc.queryForList("select username from " + SCHEMA + ".app_user", String.class))
          .as("no demo user on a postgres-profile database").containsExactly("first.admin");
      assertThat(get(port, "/api/users", "admin", "demo1234").statusCode()).isEqualTo(401);
      HttpResponse<String> users = get(port, "/api/users", "first.admin", "a long enough passphrase");
      assertThat(users.statusCode()).isEqualTo(200);
      assertThat(users.body()).contains("first.admin");
      assertThat(get(port, "/v3/api-docs", null, null).statusCode()).as("API description off").isNotEqualTo(200);
      assertThat(get(port, "/swagger-ui/index.html", null, null).statusCode()).as("Swagger UI off").isNotEqualTo(200);

      HttpResponse<String> login = get(port, "/login", null, null);
      assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
          .contains("script-src 'self'").contains("frame-ancestors 'none'");
      assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
      assertThat(login.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(cookie ->
          assertThat(cookie).containsIgnoringCase("SameSite=Lax"));
    }
  }
}
