package ke.childprotection.cases;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Deadlines and intervals that do not depend on risk (those live in the DMN tables), from
 * configuration ({@code mcc.policy.*}). Each case starts with them as its {@code policy} variable,
 * which the models' timers and due dates read. Checked at start-up: a value that is not an ISO 8601
 * duration (or a comma-separated list of them, e.g. the follow-up schedule) stops the app instead of
 * failing a case later.
 */
@ConfigurationProperties(prefix = "mcc")
public record CasePolicy(Map<String, String> policy) {
  public CasePolicy {
    policy = new TreeMap<>(policy == null ? Map.of() : policy);
    policy.forEach((name, value) -> {
      for (String item : value.split(",")) {
        if (!isIsoDuration(item.trim())) {
          throw new IllegalArgumentException("mcc.policy." + name + " is not an ISO 8601 duration (or a comma-separated list of them): " + value);
        }
      }
    });
  }

  /** PT2H and P14D (a time span) or P1M (calendar months, as FEEL's duration() takes them). */
  private static boolean isIsoDuration(String value) {
    try {
      Duration.parse(value);
      return true;
    } catch (DateTimeParseException notATimeSpan) {
      try {
        Period.parse(value);
        return true;
      } catch (DateTimeParseException notAPeriod) {
        return false;
      }
    }
  }

  public Map<String, Object> asVariable() {
    return Map.copyOf(policy);
  }
}
