package ke.childprotection.notification;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The one way to tell a role in a county about a case: once per dedup key, however often it is asked. */
@Service
public class Notifications {
  private final NotificationRepository notifications;

  Notifications(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  /** What the user's role in their county has been told (the secretariat: nationwide), newest first. */
  @Transactional(readOnly = true)
  public java.util.List<Notification> forUser(ke.childprotection.security.CurrentUser user) {
    if (user.isSecretariat()) {
      return notifications.findByRecipientRoleOrderByCreatedAtDesc(user.role().group());
    }
    if (!user.worksIn(user.countyCode())) {
      return java.util.List.of();
    }
    return notifications.findByCountyCodeAndRecipientRoleOrderByCreatedAtDesc(user.countyCode(), user.role().group());
  }

  /**
   * Returns true when this call created the notification. Its e-mails and SMS follow (to the users who
   * chose them), in their language: the text for the reason is {@code notify.reason.<reason>}, and
   * {@code message} is what the app shows when there is none.
   */
  @Transactional
  public boolean notify(UUID caseId, String countyCode, String role, String reason, String message, String dedupKey) {
    return notify(caseId, countyCode, role, reason, message, dedupKey, null);
  }

  /** As {@link #notify(UUID, String, String, String, String, String)}, about a step of the case (its name is in the text). */
  @Transactional
  public boolean notify(UUID caseId, String countyCode, String role, String reason, String message, String dedupKey,
      String elementId) {
    return notifications.insertOnce(caseId, countyCode, role, reason, message, java.time.OffsetDateTime.now(), dedupKey,
        elementId) == 1;
  }
}
