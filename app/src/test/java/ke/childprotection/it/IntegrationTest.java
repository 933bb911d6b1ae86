package ke.childprotection.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.flywaydb.core.Flyway;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole app on a random port, with the embedded engine, against the machine's PostgreSQL. All
 * integration tests share one application context (and so one engine and one clean schema).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"postgres", "test"})
@TestPropertySource(properties = "MCC_DB_SCHEMA=${MCC_IT_SCHEMA:mcc_it}")
@Import(IntegrationTest.CleanSchema.class)
public @interface IntegrationTest {
  @TestConfiguration
  class CleanSchema {
    @Bean
    FlywayMigrationStrategy cleanThenMigrate() {
      return (Flyway flyway) -> {
        flyway.clean();
        flyway.migrate();
      };
    }
  }
}
