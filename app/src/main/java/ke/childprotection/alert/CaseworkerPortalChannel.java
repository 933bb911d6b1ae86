package ke.childprotection.alert;

import ke.childprotection.cases.ChildCase;
import org.springframework.stereotype.Component;

/**
 * The channel every installation has: the alert is listed for the county's staff in the app. External
 * channels (police, media, SMS) are further {@link AlertChannel} beans.
 */
@Component
class CaseworkerPortalChannel implements AlertChannel {
  @Override
  public String name() {
    return "county-portal";
  }

  @Override
  public void publish(ChildCase childCase) {
    // Listing is the alert row itself, written by PublishAlertWorker.
  }
}
