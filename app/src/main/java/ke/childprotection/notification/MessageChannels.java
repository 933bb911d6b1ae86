package ke.childprotection.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** The two ways a message leaves: e-mail through SMTP, SMS through the configured HTTP gateway. */
@Component
class MessageChannels {
  /** The channel refused the message for good (a bad number, no address): waiting will not help. */
  static class Refused extends RuntimeException {
    Refused(String reason) {
      super(reason);
    }
  }

  /** Gateway recipient codes (Africa's Talking) that no retry changes: invalid number, unsupported number type, blacklisted. */
  private static final Set<Integer> REFUSED_NUMBER = Set.of(403, 404, 406);

  private final ObjectProvider<JavaMailSender> mail;
  private final MessageSettings settings;
  private final ObjectMapper json;
  private final HttpClient http;

  MessageChannels(ObjectProvider<JavaMailSender> mail, MessageSettings settings, ObjectMapper json) {
    this.mail = mail;
    this.settings = settings;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(settings.sendTimeout()).build();
  }

  void send(OutboundMessages.Due message) {
    if (message.channel() == MessageSettings.Channel.EMAIL) {
      email(message);
    } else {
      sms(message);
    }
  }

  /** The message's own id: the same on every attempt, so that a repeat can be recognised. */
  static String reference(long id) {
    return "mcc-" + id;
  }

  private void email(OutboundMessages.Due message) {
    JavaMailSender sender = mail.getIfAvailable();
    if (sender == null) {
      throw new IllegalStateException("no SMTP server configured (spring.mail.host)");
    }
    try {
      MimeMessage mime = sender.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
      helper.setFrom(settings.email().from());
      helper.setTo(message.address());
      helper.setSubject(message.subject());
      helper.setText(message.body(), false);
      // kept by Spring's sender: a message handed over again after a lost SENT mark has the same id
      mime.setHeader("Message-ID", "<" + reference(message.id()) + "@" + host() + ">");
      sender.send(mime);
    } catch (jakarta.mail.internet.AddressException e) {
      throw new Refused("not an e-mail address");
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException("e-mail not composed: " + e.getMessage(), e);
    }
  }

  private String host() {
    String host = URI.create(settings.linkBase().isEmpty() ? "http://mcc.local" : settings.linkBase()).getHost();
    return host == null ? "mcc.local" : host;
  }

  private void sms(OutboundMessages.Due message) {
    MessageSettings.Sms sms = settings.sms();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", sms.username() == null ? "" : sms.username());
    form.put("to", kenyanNumber(message.address()));
    form.put("message", message.body());
    if (sms.sender() != null && !sms.sender().isBlank()) {
      form.put("from", sms.sender());
    }
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(sms.url())).timeout(settings.sendTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
        .header("apiKey", sms.apiKey() == null ? "" : sms.apiKey())
        .header("Idempotency-Key", reference(message.id()))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException("SMS gateway unreachable: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException("SMS gateway answered " + response.statusCode());
    }
    recipientStatus(response.body());
  }

  /** The gateway's answer per recipient, when it gives one: a number it refuses is refused for good. */
  private void recipientStatus(String answer) {
    JsonNode recipients;
    try {
      recipients = json.readTree(answer == null || answer.isBlank() ? "{}" : answer).path("SMSMessageData").path("Recipients");
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      return;
    }
    for (JsonNode recipient : recipients) {
      int code = recipient.path("statusCode").asInt(0);
      String status = recipient.path("status").asText("");
      if (REFUSED_NUMBER.contains(code)) {
        throw new Refused("the SMS gateway refused the number: " + status);
      }
      if (code != 0 && (code < 100 || code > 102)) {
        throw new IllegalStateException("the SMS gateway did not send: " + status + " (" + code + ")");
      }
    }
  }

  /** A Kenyan number in international form: 0712 345678 → +254712345678. */
  static String kenyanNumber(String phone) {
    String digits = phone.replaceAll("[^0-9+]", "");
    if (digits.startsWith("+")) {
      return digits;
    }
    if (digits.startsWith("254")) {
      return "+" + digits;
    }
    if (digits.startsWith("0") && digits.length() == 10) {
      return "+254" + digits.substring(1);
    }
    return digits;
  }
}
