package ke.childprotection.alert;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Public alerts ({@code mcc.alerts.*}): the number the public calls (a county may have its own), and
 * the counties whose poster says "found — thank you" once the child is located (elsewhere the poster is
 * withdrawn with the alert).
 */
@ConfigurationProperties(prefix = "mcc.alerts")
public record AlertSettings(String contactNumber, Map<String, String> countyContactNumbers, List<String> foundPosterCounties) {
  public AlertSettings {
    if (contactNumber == null || contactNumber.isBlank()) {
      throw new IllegalArgumentException("mcc.alerts.contact-number must be set: the public needs a number to call");
    }
    countyContactNumbers = countyContactNumbers == null ? Map.of() : Map.copyOf(countyContactNumbers);
    foundPosterCounties = foundPosterCounties == null ? List.of() : List.copyOf(foundPosterCounties);
  }

  public String contactFor(String countyCode) {
    return countyContactNumbers.getOrDefault(countyCode, contactNumber);
  }

  public boolean showsFound(String countyCode) {
    return foundPosterCounties.contains(countyCode);
  }
}
