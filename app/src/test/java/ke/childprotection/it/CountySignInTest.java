package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ke.childprotection.CaseSystemApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Sign-in through the county's identity provider: a real OpenID Connect provider (Spring Authorization
 * Server, started here) vouches for an officer whose role and county are claims; the app makes them a
 * user of its own with that role and county, and what they may do follows. A person whose claims name
 * no role of this system is refused.
 */
@IntegrationTest
class CountySignInTest {
  private static final String SCHEMA = "mcc_it_oidc";
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  @Autowired JdbcTemplate jdbc;
  @TempDir Path engine;

  /** The county's identity provider: two people, and the claims it says about each. */
  @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
      DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
      JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
      OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class})
  static class CountyIdentityProvider {
    static final Map<String, Map<String, String>> CLAIMS = Map.of(
        "amina.officer", Map.of("mcc_role", "caseworker", "county_code", "047", "name", "Amina Synthetic"),
        "stranger", Map.of("mcc_role", "visitor", "name", "Someone Else"));

    @Bean
    InMemoryUserDetailsManager people() {
      return new InMemoryUserDetailsManager(User.withUsername("amina.officer").password("{noop}county-pass").roles("USER").build(),
          User.withUsername("stranger").password("{noop}county-pass").roles("USER").build());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> countyClaims() {
      return context -> {
        if ("id_token".equals(context.getTokenType().getValue())) {
          String who = context.getPrincipal().getName();
          context.getClaims().claim("preferred_username", who);
          CLAIMS.getOrDefault(who, Map.of()).forEach((claim, value) -> context.getClaims().claim(claim, value));
        }
      };
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private record Browser(HttpClient http) {
    HttpResponse<String> get(String uri) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
          .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Follows redirects (as a browser does) from {@code uri}; returns the last answer. */
    HttpResponse<String> follow(String uri) throws Exception {
      HttpResponse<String> answer = get(uri);
      for (int hops = 0; hops < 10 && answer.statusCode() / 100 == 3; hops++) {
        answer = get(answer.request().uri().resolve(answer.headers().firstValue("Location").orElseThrow()).toString());
      }
      return answer;
    }

    HttpResponse<String> postForm(String uri, Map<String, String> form) throws Exception {
      StringBuilder body = new StringBuilder();
      form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(k).append('=')
          .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Signs in at the app through the provider as {@code who}; returns the answer the app ends on. */
  private static HttpResponse<String> signIn(Browser browser, String app, String idp, String who) throws Exception {
    HttpResponse<String> login = browser.follow(app + "/oauth2/authorization/county");
    assertThat(login.request().uri().toString()).startsWith(idp + "/login");
    Matcher csrf = CSRF.matcher(login.body());
    assertThat(csrf.find()).as("the provider's sign-in form").isTrue();
    HttpResponse<String> signedIn = browser.postForm(idp + "/login", Map.of("username", who, "password", "county-pass",
        "_csrf", csrf.group(1) != null ? csrf.group(1) : csrf.group(2)));
    assertThat(signedIn.statusCode()).isEqualTo(302);
    return browser.follow(URI.create(idp).resolve(signedIn.headers().firstValue("Location").orElseThrow()).toString());
  }

  @Test
  void anOfficerSignsInThroughTheCountyProviderWithTheRoleAndCountyItClaims() throws Exception {
    int appPort = freePort();
    int idpPort = freePort();
    String app = "http://127.0.0.1:" + appPort;
    String idp = "http://localhost:" + idpPort; // another host than the app's: the browser keeps their cookies apart
    jdbc.execute("drop schema if exists " + SCHEMA + " cascade");
    try (ConfigurableApplicationContext provider = new SpringApplicationBuilder(CountyIdentityProvider.class)
        .run("--spring.config.name=county-idp", "--server.port=" + idpPort,
            "--spring.security.oauth2.authorizationserver.issuer=" + idp,
            "--spring.security.oauth2.authorizationserver.client.mcc.registration.client-id=mcc",
            "--spring.security.oauth2.authorizationserver.client.mcc.registration.client-secret={noop}mcc-secret",
            "--spring.security.oauth2.authorizationserver.client.mcc.registration.client-authentication-methods=client_secret_basic",
            "--spring.security.oauth2.authorizationserver.client.mcc.registration.authorization-grant-types=authorization_code",
            "--spring.security.oauth2.authorizationserver.client.mcc.registration.redirect-uris=" + app + "/login/oauth2/code/county",
            "--spring.security.oauth2.authorizationserver.client.mcc.registration.scopes=openid,profile",
            "--spring.security.oauth2.authorizationserver.client.mcc.require-authorization-consent=false");
         ConfigurableApplicationContext system = new SpringApplicationBuilder(CaseSystemApplication.class)
             .profiles("postgres", "test")
             .run("--MCC_DB_SCHEMA=" + SCHEMA, "--server.port=" + appPort, "--mcc.engine.embedded.port=0",
                 "--mcc.engine.embedded.directory=" + engine,
                 "--spring.security.oauth2.client.registration.county.client-id=mcc",
                 "--spring.security.oauth2.client.registration.county.client-secret=mcc-secret",
                 "--spring.security.oauth2.client.registration.county.client-name=the Nairobi County identity provider",
                 "--spring.security.oauth2.client.registration.county.scope=openid,profile",
                 "--spring.security.oauth2.client.provider.county.issuer-uri=" + idp)) {
      Browser officer = new Browser(HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER).build());
      assertThat(officer.get(app + "/login").body()).contains("Sign in with the Nairobi County identity provider");
      HttpResponse<String> landed = signIn(officer, app, idp, "amina.officer");
      assertThat(landed.request().uri().getPath()).isEqualTo("/tasks");
      assertThat(landed.statusCode()).isEqualTo(200);
      assertThat(officer.get(app + "/api/tasks").statusCode()).isEqualTo(200);
      assertThat(officer.get(app + "/api/users").statusCode()).as("a caseworker manages no users").isEqualTo(403);
      Map<String, Object> user = jdbc.queryForMap("select role, county_code, full_name, enabled from " + SCHEMA
          + ".app_user where username = 'amina.officer'");
      assertThat(user).containsEntry("role", "caseworker").containsEntry("county_code", "047")
          .containsEntry("full_name", "Amina Synthetic").containsEntry("enabled", true);
      assertThat(jdbc.queryForObject("select count(*) from " + SCHEMA + ".audit_log where username = 'amina.officer'"
          + " and detail like 'signed in through the county''s identity provider (caseworker, county 047)%'", Long.class)).isEqualTo(1);

      Browser stranger = new Browser(HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
          .followRedirects(HttpClient.Redirect.NEVER).build());
      HttpResponse<String> refused = signIn(stranger, app, idp, "stranger");
      assertThat(refused.request().uri().toString()).contains("/login?provider-refused");
      assertThat(stranger.get(app + "/api/tasks").statusCode()).isEqualTo(401);
      assertThat(jdbc.queryForObject("select count(*) from " + SCHEMA + ".app_user where username = 'stranger'", Long.class)).isZero();
    }
  }
}
