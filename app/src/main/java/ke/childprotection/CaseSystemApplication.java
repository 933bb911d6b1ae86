package ke.childprotection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The case process system for missing and found children. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CaseSystemApplication {
  public static void main(String[] args) {
    SpringApplication.run(CaseSystemApplication.class, args);
  }
}
