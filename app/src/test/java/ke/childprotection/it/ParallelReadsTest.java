package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Audited reads hold one connection each: 200 at once all answer, and each is audited. */
@IntegrationTest
class ParallelReadsTest {
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ke.childprotection.audit.AuditLog audit;

  @Test
  void twoHundredParallelCaseReadsAllAnswer() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    String caseId = caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Parallel", 8)))
        .get("id").asText();
    int reads = 200;
    List<Integer> statuses = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < reads; i++) {
        calls.add(pool.submit(() -> caseworker.get("/api/cases/" + caseId).status()));
      }
      for (Future<Integer> call : calls) {
        statuses.add(call.get());
      }
    }
    assertThat(statuses).hasSize(reads).containsOnly(200);
    audit.flush();
    assertThat(jdbc.queryForObject("select count(*) from audit_log where case_id = ?::uuid and action = 'READ'"
        + " and detail = 'GET /api/cases/{id}'", Long.class, caseId)).isEqualTo(reads);
  }
}
