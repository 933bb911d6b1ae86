package ke.childprotection.notification;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import ke.childprotection.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications", description = "Missed deadlines and escalations for the caller's role and county")
class NotificationController {
  private final NotificationRepository notifications;

  NotificationController(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  @GetMapping
  List<Notification> mine(@AuthenticationPrincipal CurrentUser user) {
    return forUser(notifications, user);
  }

  static List<Notification> forUser(NotificationRepository notifications, CurrentUser user) {
    if (!user.worksIn(user.countyCode())) {
      return List.of();
    }
    return notifications.findByCountyCodeAndRecipientRoleOrderByCreatedAtDesc(user.countyCode(), user.role().group());
  }
}
