package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Case numbers are gap-free: reports sent at once get distinct numbers, one after the other. */
@IntegrationTest
class CaseNumbersTest {
  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  private static long number(String caseNumber) {
    return Long.parseLong(caseNumber.substring(caseNumber.lastIndexOf('-') + 1));
  }

  @Test
  void reportsSentTogetherGetTheNextNumbersWithoutAGap() throws Exception {
    Api caseworker = new Api(port, "cw.nairobi");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<String>> reports = IntStream.range(0, 24).<Callable<String>>mapToObj(i -> () -> caseworker.ok(
          caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Numbered" + i, 8))).get("caseNumber").asText()).toList();
      List<Long> numbers = pool.invokeAll(reports).stream().map(f -> {
        try {
          return number(f.get());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }).sorted().toList();
      assertThat(numbers).doesNotHaveDuplicates();
      // between the lowest and the highest, every number belongs to a case (of this test or another)
      java.util.Set<Long> stored = new java.util.HashSet<>(jdbc.queryForList("select case_number from child_case", String.class)
          .stream().map(CaseNumbersTest::number).toList());
      assertThat(stored).containsAll(LongStream.rangeClosed(numbers.get(0), numbers.get(numbers.size() - 1)).boxed().toList());
      assertThat(caseworker.ok(caseworker.post("/api/cases", MissingChildCaseEndToEndTest.report("Numbered", 8)))
          .get("caseNumber").asText()).satisfies(n -> assertThat(number(n)).isGreaterThan(numbers.get(numbers.size() - 1)));
    } finally {
      pool.shutdownNow();
    }
  }
}
