package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import ke.childprotection.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Users are managed by administrators (audited), and wrong passwords lock an account: every refusal is
 * audited, the county's supervisor lifts the lock, and the right password works again.
 */
@IntegrationTest
class SignInProtectionTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired AuditLog audit;

  private Map<String, Object> newUser(String username, String role, String county) {
    Map<String, Object> user = new HashMap<>();
    user.put("username", username);
    user.put("fullName", "Synthetic Officer");
    user.put("role", role);
    user.put("countyCode", county);
    user.put("password", "correct horse battery");
    return user;
  }

  private long audited(String username, String like) {
    audit.flush();
    return jdbc.queryForObject("select count(*) from audit_log where username = ? and detail like ?", Long.class, username, like);
  }

  @Test
  void administratorsManageUsersAndTheirChangesAreAudited() {
    Api admin = new Api(port, "admin");
    Api supervisor = new Api(port, "sup.nairobi");
    assertThat(supervisor.post("/api/users", newUser("made.by.sup", "CASEWORKER", "047")).status()).isEqualTo(403);
    assertThat(new Api(port, "cw.nairobi").get("/api/users").status()).isEqualTo(403);
    Api.Response noCounty = admin.post("/api/users", newUser("no.county", "CASEWORKER", null));
    assertThat(noCounty.status()).isEqualTo(400);
    assertThat(noCounty.body().toString()).contains("countyCode");
    assertThat(admin.post("/api/users", newUser("unknown.county", "CASEWORKER", "999")).status()).isEqualTo(400);
    Map<String, Object> weak = newUser("weak.password", "CASEWORKER", "047");
    weak.put("password", "short");
    assertThat(admin.post("/api/users", weak).status()).isEqualTo(400);

    assertThat(admin.post("/api/users", newUser("cw3.nairobi", "CASEWORKER", "047")).status()).isEqualTo(201);
    assertThat(admin.post("/api/users", newUser("cw3.nairobi", "CASEWORKER", "047")).status()).isEqualTo(409);
    Api created = new Api(port, "cw3.nairobi", "correct horse battery");
    assertThat(created.get("/api/tasks").status()).isEqualTo(200);
    assertThat(StreamSupport.stream(supervisor.ok(supervisor.get("/api/users")).spliterator(), false)
        .map(u -> u.get("username").asText())).as("the supervisor sees the county's staff").contains("cw3.nairobi")
        .doesNotContain("cw.mombasa", "admin", "ctip");

    Map<String, Object> disabled = Map.of("fullName", "Synthetic Officer", "role", "CASEWORKER", "countyCode", "047", "enabled", false);
    assertThat(admin.put("/api/users/cw3.nairobi", disabled).status()).isEqualTo(200);
    assertThat(created.get("/api/tasks").status()).as("a disabled user cannot sign in").isEqualTo(401);
    assertThat(admin.put("/api/users/admin", Map.of("fullName", "Admin", "role", "ADMIN", "enabled", false)).status())
        .as("the only administrator stays").isEqualTo(409);
    assertThat(audited("admin", "created user cw3.nairobi%")).isEqualTo(1);
    assertThat(audited("admin", "changed user cw3.nairobi%disabled")).isEqualTo(1);
  }

  @Test
  void wrongPasswordsLockTheAccountUntilItsSupervisorLiftsTheLock() {
    Api admin = new Api(port, "admin");
    assertThat(admin.post("/api/users", newUser("locked.nairobi", "CASEWORKER", "047")).status()).isEqualTo(201);
    Api guesser = new Api(port, "locked.nairobi", "wrong guess");
    for (int i = 0; i < 5; i++) {
      assertThat(guesser.get("/api/tasks").status()).isEqualTo(401);
    }
    Api owner = new Api(port, "locked.nairobi", "correct horse battery");
    assertThat(owner.get("/api/tasks").status()).as("locked: even the right password is refused").isEqualTo(401);
    assertThat(audited("locked.nairobi", "sign-in refused (wrong username or password)%")).isEqualTo(5);
    assertThat(audited("locked.nairobi", "%; account locked")).as("the fifth locks").isEqualTo(1);
    assertThat(audited("locked.nairobi", "sign-in refused (account locked)%")).isEqualTo(1);

    Api supervisor = new Api(port, "sup.nairobi");
    JsonNode listed = StreamSupport.stream(supervisor.ok(supervisor.get("/api/users")).spliterator(), false)
        .filter(u -> u.get("username").asText().equals("locked.nairobi")).findFirst().orElseThrow();
    assertThat(listed.get("locked").asBoolean()).isTrue();
    assertThat(new Api(port, "sup.mombasa").post("/api/users/locked.nairobi/unlock", null).status())
        .as("another county's supervisor").isEqualTo(403);
    assertThat(supervisor.post("/api/users/locked.nairobi/unlock", null).status()).isEqualTo(200);
    assertThat(owner.get("/api/tasks").status()).isEqualTo(200);
    assertThat(audited("sup.nairobi", "lifted the sign-in lock of user locked.nairobi")).isEqualTo(1);
  }
}
