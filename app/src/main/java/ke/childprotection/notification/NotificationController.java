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
  private final Notifications notifications;

  NotificationController(Notifications notifications) {
    this.notifications = notifications;
  }

  @GetMapping
  List<Notification> mine(@AuthenticationPrincipal CurrentUser user) {
    return notifications.forUser(user);
  }
}
