package ke.childprotection.web;

import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Pages show times in the users' zone ({@code mcc.display-time-zone}); the API speaks ISO 8601 with offsets. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class DisplayZone {
  private final ZoneId zone;

  DisplayZone(@Value("${mcc.display-time-zone:Africa/Nairobi}") String zone) {
    this.zone = ZoneId.of(zone);
  }

  @ModelAttribute("zone")
  ZoneId zone() {
    return zone;
  }
}
