package ke.childprotection.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import ke.childprotection.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** "My notifications" (what the user's role was told, and the user's e-mail and SMS choices) and the admin's messages page. */
@Controller
class NotificationPages {
  /** A notification as the page shows it: in the reader's language, with the case number. */
  record Shown(OffsetDateTime at, UUID caseId, String caseNumber, String text) {}

  private final Notifications notifications;
  private final NotificationChoices choices;
  private final OutboundMessages outbox;
  private final MessageTexts texts;
  private final MessageSettings settings;
  private final JdbcClient db;

  NotificationPages(Notifications notifications, NotificationChoices choices, OutboundMessages outbox, MessageTexts texts,
      MessageSettings settings, JdbcClient db) {
    this.notifications = notifications;
    this.choices = choices;
    this.outbox = outbox;
    this.texts = texts;
    this.settings = settings;
    this.db = db;
  }

  @GetMapping("/notifications")
  String mine(@AuthenticationPrincipal CurrentUser user, Locale language, Model model) {
    List<Notification> latest = notifications.forUser(user).stream().limit(100).toList();
    Map<UUID, String> numbers = latest.isEmpty() ? Map.of() : db.sql("select id, case_number from child_case where id in (:ids)")
        .param("ids", latest.stream().map(Notification::getCaseId).distinct().toList())
        .query((rs, i) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    model.addAttribute("notifications", latest.stream().map(n -> new Shown(n.getCreatedAt(), n.getCaseId(),
        numbers.getOrDefault(n.getCaseId(), ""), texts.headline(language, n.getReason(), n.getElementId(), n.getMessage()))).toList());
    model.addAttribute("choices", choices.of(user.username()).orElseThrow());
    model.addAttribute("emailAvailable", settings.email().enabled());
    model.addAttribute("smsAvailable", settings.sms().enabled());
    return "notifications";
  }

  @GetMapping("/admin/messages")
  @PreAuthorize("hasRole('ADMIN')")
  String messages(@RequestParam(required = false) String state, Model model) {
    String wanted = state == null || state.isBlank() ? null : state.trim().toUpperCase(Locale.ROOT);
    model.addAttribute("counts", outbox.counts());
    model.addAttribute("messages", outbox.list(wanted, 200));
    model.addAttribute("state", wanted);
    model.addAttribute("emailAvailable", settings.email().enabled());
    model.addAttribute("smsAvailable", settings.sms().enabled());
    return "messages";
  }
}
