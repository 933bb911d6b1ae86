package ke.childprotection.notification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.support.Conflict;
import ke.childprotection.support.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** E-mail and SMS: each user's choices, and the administrator's view of what was sent and what failed. */
@RestController
@Tag(name = "Notifications", description = "E-mail and SMS: each user's choices; messages sent, waiting and failed")
class MessagesController {
  /** A user's choices and the channels this deployment has. */
  record MyNotifications(NotificationChoices.Choices choices, boolean emailAvailable, boolean smsAvailable) {}

  /** The administrator's view: how many messages are in each state, and the latest. */
  record Messages(Map<String, Long> counts, List<OutboundMessages.Message> messages) {}

  private final NotificationChoices choices;
  private final OutboundMessages outbox;
  private final MessageSettings settings;
  private final MessageSender sender;

  MessagesController(NotificationChoices choices, OutboundMessages outbox, MessageSettings settings, MessageSender sender) {
    this.choices = choices;
    this.outbox = outbox;
    this.settings = settings;
    this.sender = sender;
  }

  @Operation(summary = "What the caller is told by e-mail and SMS, and where")
  @GetMapping("/api/me/notifications")
  MyNotifications mine(@AuthenticationPrincipal CurrentUser user) {
    return new MyNotifications(choices.of(user.username()).orElseThrow(() -> new NotFound("problem.notFound.user", user.username())),
        settings.email().enabled(), settings.sms().enabled());
  }

  @Operation(summary = "Change what the caller is told by e-mail and SMS: channels, kinds (deadlines, escalations, new tasks), daily digest")
  @PutMapping("/api/me/notifications")
  MyNotifications change(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody NotificationChoices.Choices wanted) {
    return new MyNotifications(choices.change(user.username(), wanted), settings.email().enabled(), settings.sms().enabled());
  }

  @Operation(summary = "E-mails and SMS, newest first (optionally in one state: PENDING, HELD, SENT, FAILED, DIGESTED)")
  @GetMapping("/api/admin/messages")
  @PreAuthorize("hasRole('ADMIN')")
  Messages messages(@RequestParam(required = false) String state) {
    String wanted = state == null || state.isBlank() ? null : state.trim().toUpperCase(java.util.Locale.ROOT);
    return new Messages(outbox.counts(), outbox.list(wanted, 200));
  }

  @Operation(summary = "Send a FAILED message again, with all its attempts")
  @PostMapping("/api/admin/messages/{id}/retry")
  @PreAuthorize("hasRole('ADMIN')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  void retry(@PathVariable long id) {
    if (!outbox.retry(id)) {
      throw new Conflict("problem.message.notFailed", id);
    }
    sender.wake();
  }
}
