package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import ke.childprotection.notification.Notifications;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Notifications that leave the app, against a real SMTP server (GreenMail) and a local HTTP server in
 * the place of the SMS gateway: exactly one e-mail per breached deadline per recipient, in each one's
 * language; new tasks and reminders to those who chose them; the reporter's SMS (case number, child
 * found) once each; a failed send retried without a duplicate; a message given up is shown to the
 * administrator and sent again on request; a daily digest in place of the messages it holds.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// Its own application context (e-mail and SMS on, short intervals), so its own schema and engine.
@TestPropertySource(properties = {"MCC_DB_SCHEMA=${MCC_IT_SCHEMA:mcc_it}_notify",
    "mcc.notifications.email.enabled=true", "mcc.notifications.email.from=MCC test <no-reply@mcc.example>",
    "mcc.notifications.sms.enabled=true", "mcc.notifications.sms.username=sandbox", "mcc.notifications.sms.api-key=test-key",
    "mcc.notifications.sms.sender=MCC", "mcc.notifications.fan-out-interval=PT0.3S", "mcc.notifications.send-interval=PT0.3S",
    "mcc.notifications.first-retry=PT1S", "mcc.notifications.max-retry=PT3S", "mcc.notifications.max-attempts=4",
    "mcc.notifications.remind-before=P2D", "mcc.notifications.link-base=https://mcc.example.go.ke",
    "logging.level.com.icegreen=warn"})
// its own context (schema, engine, background loops): closed when the class is done, so that it does not
// compete with the shared context for the two cores while later classes run
@org.springframework.test.annotation.DirtiesContext
class NotificationsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int SMTP_PORT;
  private static volatile GreenMail mail;
  private static final HttpServer GATEWAY;
  /** What the SMS gateway received: form fields and the Idempotency-Key header, and whether it answered 2xx. */
  private static final List<Sms> SMS = new CopyOnWriteArrayList<>();
  /** The gateway answers 500 to this many requests before it works again. */
  private static final AtomicInteger GATEWAY_FAILS = new AtomicInteger();

  record Sms(String to, String message, String from, String username, String apiKey, String reference, boolean accepted) {}

  static {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    mail.start();
    SMTP_PORT = mail.getSmtp().getPort();
    try {
      GATEWAY = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    GATEWAY.createContext("/version1/messaging", exchange -> {
      Map<String, String> form = new HashMap<>();
      for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
        String[] kv = pair.split("=", 2);
        form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      boolean fail = GATEWAY_FAILS.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
      SMS.add(new Sms(form.get("to"), form.get("message"), form.get("from"), form.get("username"),
          exchange.getRequestHeaders().getFirst("apiKey"), exchange.getRequestHeaders().getFirst("Idempotency-Key"), !fail));
      byte[] answer = (fail ? "{\"error\":\"try later\"}"
          : "{\"SMSMessageData\":{\"Message\":\"Sent to 1/1\",\"Recipients\":[{\"statusCode\":101,\"number\":\"" + form.get("to")
              + "\",\"status\":\"Success\",\"messageId\":\"ATXid_" + SMS.size() + "\"}]}}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(fail ? 500 : 201, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    GATEWAY.start();
  }

  @DynamicPropertySource
  static void channels(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    registry.add("mcc.notifications.sms.url", () -> "http://127.0.0.1:" + GATEWAY.getAddress().getPort() + "/version1/messaging");
  }

  @LocalServerPort int port;
  @Autowired ZeebeTestEngine engine;
  @Autowired JdbcTemplate jdbc;
  @Autowired Notifications notifications;

  Api caseworker;
  Api supervisor;
  Api admin;

  @BeforeAll
  void usersChooseHowTheyAreTold() {
    caseworker = new Api(port, "cw.nairobi");
    supervisor = new Api(port, "sup.nairobi");
    admin = new Api(port, "admin");
    for (String user : List.of("sup2.nairobi", "sup3.nairobi")) {
      admin.ok(admin.post("/api/users", Map.of("username", user, "fullName", "Synthetic Supervisor", "role", "SUPERVISOR",
          "countyCode", "047", "password", "demo1234demo1234")));
    }
    jdbc.update("update app_user set language = 'en' where username in ('sup.nairobi', 'cw.nairobi', 'sup3.nairobi')");
    jdbc.update("update app_user set language = 'sw' where username = 'sup2.nairobi'");
    supervisor.ok(supervisor.put("/api/me/notifications", choices("sup@county047.example", null, true, false, false, false)));
    Api sup2 = new Api(port, "sup2.nairobi", "demo1234demo1234");
    sup2.ok(sup2.put("/api/me/notifications", choices("sup2@county047.example", "0712 000 222", true, true, false, false)));
    Api sup3 = new Api(port, "sup3.nairobi", "demo1234demo1234");
    sup3.ok(sup3.put("/api/me/notifications", choices("sup3@county047.example", null, true, false, false, true)));
    caseworker.ok(caseworker.put("/api/me/notifications", choices("cw@county047.example", null, true, false, true, false)));
  }

  @AfterAll
  void stopServers() {
    mail.stop();
    GATEWAY.stop(0);
  }

  static Map<String, Object> choices(String email, String phone, boolean byEmail, boolean bySms, boolean newTasks, boolean digest) {
    Map<String, Object> choices = new LinkedHashMap<>();
    choices.put("email", email);
    choices.put("phone", phone);
    choices.put("byEmail", byEmail);
    choices.put("bySms", bySms);
    choices.put("deadlines", true);
    choices.put("escalations", true);
    choices.put("newTasks", newTasks);
    choices.put("dailyDigest", digest);
    return choices;
  }

  String report(String firstName, String reporterPhone) {
    Map<String, Object> report = MissingChildCaseEndToEndTest.report(firstName, 10);
    report.put("reporterPhone", reporterPhone);
    report.put("notifyReporter", true);
    JsonNode created = caseworker.ok(caseworker.post("/api/cases", report));
    assertThat(created.get("reporterSms").asBoolean()).as("SMS is on: the reporter will be told").isTrue();
    return created.get("caseNumber").asText();
  }

  /** The e-mails GreenMail received for an address whose subject contains all the given words. */
  static List<MimeMessage> mailsTo(String address, String... words) {
    return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))
            && Arrays.stream(words).allMatch(m.getSubject()::contains);
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static String body(MimeMessage message) {
    try {
      return message.getContent().toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Sms> smsTo(String to, String word) {
    return SMS.stream().filter(s -> to.equals(s.to()) && s.message().contains(word)).toList();
  }

  /** Waits until nothing of the case waits in the outbox (every message sent, held or given up). */
  void settled(String caseNumber) {
    await().atMost(WAIT).until(() -> jdbc.queryForObject("""
        select count(*) from outbound_message m join child_case c on c.id = m.case_id
        where c.case_number = ? and m.state = 'PENDING'""", Integer.class, caseNumber) == 0
        && jdbc.queryForObject("select count(*) from notification where fanned_out_at is null", Integer.class) == 0);
  }

  @Test
  void aBreachedDeadlineIsOneEmailPerRecipientInTheirLanguageAndTheReporterIsToldTwiceOnly() throws Exception {
    String caseNumber = report("Wairimu", "+254 700 000 123");
    String caseId = jdbc.queryForObject("select cast(id as varchar) from child_case where case_number = ?", String.class, caseNumber);
    JsonNode accept = MissingChildCaseEndToEndTest.awaitTask(caseworker, "UNASSIGNED", caseId, "Task_AcceptCase");
    assertThat(new String(caseworker.download("/cases/" + caseId).body(), java.nio.charset.StandardCharsets.UTF_8))
        .as("the case page says the reporter is told by SMS").contains("SMS to the reporter");

    // the reporter: the case number, in Kiswahili and English, and nothing of the child
    await().atMost(WAIT).until(() -> smsTo("+254700000123", caseNumber).size() == 1);
    Sms registered = smsTo("+254700000123", caseNumber).get(0);
    assertThat(registered.message()).contains("Ripoti yako", "Your report of a missing child is case " + caseNumber, "116")
        .doesNotContain("Wairimu", "Synthetic");
    assertThat(registered).extracting(Sms::from, Sms::username, Sms::apiKey).containsExactly("MCC", "sandbox", "test-key");

    // the caseworker chose new tasks and deadlines: the new task, and a reminder of its deadline
    await().atMost(WAIT).until(() -> mailsTo("cw@county047.example", caseNumber, "New task: Accept case").size() == 1
        && mailsTo("cw@county047.example", caseNumber, "Due").size() == 1);
    assertThat(body(mailsTo("cw@county047.example", caseNumber, "New task").get(0)))
        .contains("https://mcc.example.go.ke/tasks/" + accept.get("id").asLong()).doesNotContain("Wairimu");

    // nobody accepts the case within its deadline: the county's supervisors are told, each once
    OffsetDateTime due = OffsetDateTime.parse(accept.get("due").asText());
    engine.increaseTime(Duration.between(OffsetDateTime.now(), due).plusMinutes(5));
    await().atMost(WAIT).until(() -> mailsTo("sup@county047.example", caseNumber, "No caseworker has accepted").size() == 1
        && mailsTo("sup2@county047.example", caseNumber, "Hakuna afisa wa kesi").size() == 1
        && smsTo("+254712000222", caseNumber).size() == 1);
    MimeMessage english = mailsTo("sup@county047.example", caseNumber).get(0);
    assertThat(english.getFrom()[0].toString()).contains("no-reply@mcc.example");
    assertThat(english.getHeader("Message-ID")[0]).startsWith("<mcc-");
    assertThat(body(english)).contains("https://mcc.example.go.ke/cases/" + caseId, "https://mcc.example.go.ke/notifications")
        .doesNotContain("Wairimu", "Toi market");
    assertThat(smsTo("+254712000222", caseNumber).get(0).message()).contains("Hakuna afisa wa kesi", caseNumber);
    // the supervisor who chose a daily digest is not written to now
    assertThat(mailsTo("sup3@county047.example", caseNumber)).isEmpty();

    // A second fan-out of the same notification (a second instance, a round repeated) writes nothing new.
    settled(caseNumber);
    int messages = jdbc.queryForObject("select count(*) from outbound_message", Integer.class);
    jdbc.update("update notification set fanned_out_at = null where case_id = cast(? as uuid)", caseId);
    settled(caseNumber);
    assertThat(jdbc.queryForObject("select count(*) from outbound_message", Integer.class)).isEqualTo(messages);
    assertThat(mailsTo("sup@county047.example", caseNumber, "No caseworker has accepted")).hasSize(1);
    assertThat(mailsTo("sup2@county047.example", caseNumber)).hasSize(1);
    assertThat(smsTo("+254712000222", caseNumber)).hasSize(1);

    // the child is located and identified: the reporter is told, once, and still nothing of the child
    caseworker.ok(caseworker.post("/api/tasks/" + accept.get("id").asLong() + "/claim", null));
    MissingChildCaseEndToEndTest.complete(caseworker, accept, Map.of("acceptConfirmed", true));
    caseworker.ok(caseworker.post("/api/cases/" + caseId + "/located", Map.of("locatedAt", OffsetDateTime.now().toString(),
        "place", "Central police station", "how", "FOUND")));
    assertThat(smsTo("+254700000123", "amepatikana")).as("not before the identity is confirmed").isEmpty();
    JsonNode verify = MissingChildCaseEndToEndTest.awaitTask(caseworker, "MINE", caseId, "Task_VerifyIdentity");
    MissingChildCaseEndToEndTest.complete(caseworker, verify, Map.of("identityConfirmed", true, "verificationMethod", "PARENT_IDENTIFIED"));
    await().atMost(WAIT).until(() -> smsTo("+254700000123", "amepatikana").size() == 1);
    assertThat(smsTo("+254700000123", "amepatikana").get(0).message())
        .contains("Kesi " + caseNumber, "Case " + caseNumber + ": the child has been found").doesNotContain("Wairimu", "police");
    settled(caseNumber);
    assertThat(SMS.stream().filter(s -> "+254700000123".equals(s.to()))).hasSize(2);
  }

  @Test
  void anSmsTheGatewayRefusesIsRetriedAndArrivesOnce() {
    GATEWAY_FAILS.set(2);
    String caseNumber = report("Chepkoech", "0700 000 456");
    await().atMost(WAIT).until(() -> SMS.stream().anyMatch(s -> "+254700000456".equals(s.to()) && s.accepted()));
    settled(caseNumber);
    List<Sms> tries = SMS.stream().filter(s -> "+254700000456".equals(s.to())).toList();
    assertThat(tries).extracting(Sms::accepted).containsExactly(false, false, true);
    assertThat(tries).extracting(Sms::reference).as("one reference for every attempt").containsOnly(tries.get(0).reference());
    assertThat(jdbc.queryForMap("""
        select m.state, m.attempts from outbound_message m join child_case c on c.id = m.case_id
        where c.case_number = ? and m.kind = 'REPORTER'""", caseNumber))
        .containsEntry("state", "SENT").containsEntry("attempts", 3);
  }

  @Test
  void anEmailWaitsForTheMailServerToComeBackAndArrivesOnce() throws Exception {
    mail.stop();
    String caseNumber;
    try {
      caseNumber = report("Njambi", "+254700000789");
      await().atMost(WAIT).until(() -> jdbc.queryForObject("""
          select count(*) from outbound_message m join child_case c on c.id = m.case_id
          where c.case_number = ? and m.channel = 'EMAIL' and m.username = 'cw.nairobi' and m.kind = 'NEW_TASK'
            and m.state = 'PENDING' and m.attempts >= 1 and m.last_error is not null""", Integer.class, caseNumber) == 1);
      // the mail server away does not take the case system out of service
      assertThat(admin.get("/actuator/health").body().get("status").asText()).isEqualTo("UP");
    } finally {
      mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      mail.start();
    }
    await().atMost(WAIT).until(() -> mailsTo("cw@county047.example", caseNumber, "New task").size() == 1);
    settled(caseNumber);
    assertThat(mailsTo("cw@county047.example", caseNumber, "New task")).hasSize(1);
  }

  @Test
  void aMessageGivenUpIsShownToTheAdministratorAndSentAgainOnRequest() {
    GATEWAY_FAILS.set(1000);
    String caseNumber;
    long id;
    try {
      caseNumber = report("Akinyi", "+254700000321");
      await().atMost(WAIT).until(() -> jdbc.queryForObject("""
          select count(*) from outbound_message m join child_case c on c.id = m.case_id
          where c.case_number = ? and m.kind = 'REPORTER' and m.state = 'FAILED'""", Integer.class, caseNumber) == 1);
      id = jdbc.queryForObject("""
          select m.id from outbound_message m join child_case c on c.id = m.case_id
          where c.case_number = ? and m.kind = 'REPORTER'""", Long.class, caseNumber);
    } finally {
      GATEWAY_FAILS.set(0);
    }
    assertThat(SMS.stream().filter(s -> "+254700000321".equals(s.to()))).hasSize(4).noneMatch(Sms::accepted);

    JsonNode failed = admin.ok(admin.get("/api/admin/messages?state=FAILED"));
    assertThat(failed.get("counts").get("FAILED").asInt()).isGreaterThanOrEqualTo(1);
    JsonNode shown = null;
    for (JsonNode message : failed.get("messages")) {
      if (message.get("id").asLong() == id) {
        shown = message;
      }
    }
    assertThat(shown).as("the failed message is listed").isNotNull();
    assertThat(shown.get("caseNumber").asText()).isEqualTo(caseNumber);
    assertThat(shown.get("attempts").asInt()).isEqualTo(4);
    assertThat(shown.get("lastError").asText()).contains("500");
    assertThat(shown.toString()).as("no phone number of the reporter in the outbox").doesNotContain("700000321");
    assertThat(admin.page("/admin/messages?state=FAILED")).contains(caseNumber, "Send again");
    assertThat(caseworker.get("/api/admin/messages").status()).isEqualTo(403);
    assertThat(caseworker.post("/api/admin/messages/" + id + "/retry", null).status()).isEqualTo(403);

    assertThat(admin.post("/api/admin/messages/" + id + "/retry", null).status()).isEqualTo(202);
    await().atMost(WAIT).until(() -> SMS.stream().anyMatch(s -> "+254700000321".equals(s.to()) && s.accepted()));
    settled(caseNumber);
    assertThat(SMS.stream().filter(s -> "+254700000321".equals(s.to()) && s.accepted())).hasSize(1);
    assertThat(admin.post("/api/admin/messages/" + id + "/retry", null).status()).as("sent: nothing to retry").isEqualTo(409);
  }

  @Test
  void aDailyDigestSendsOneMessageInPlaceOfThoseItHeld() {
    UUID caseId = UUID.fromString(jdbc.queryForObject("""
        select cast(id as varchar) from child_case where case_number = ?""", String.class, report("Moraa", "+254700000654")));
    String caseNumber = jdbc.queryForObject("select case_number from child_case where id = ?", String.class, caseId);
    notifications.notify(caseId, "047", "supervisor", "TRAFFICKING_UPDATE", "update", "digest-test-1");
    notifications.notify(caseId, "047", "supervisor", "FOLLOW_UP_VISIT_OVERDUE", "visit", "digest-test-2");
    await().atMost(WAIT).until(() -> jdbc.queryForObject("""
        select count(*) from outbound_message where username = 'sup3.nairobi' and case_id = ? and state = 'HELD'""",
        Integer.class, caseId) == 2);
    assertThat(mailsTo("sup3@county047.example", caseNumber)).isEmpty();
    // the others chose to be told at once
    await().atMost(WAIT).until(() -> mailsTo("sup@county047.example", caseNumber).size() == 2);

    // held since before the last digest time: one e-mail gathers both (a day's digest is written once)
    jdbc.update("update outbound_message set created_at = created_at - interval '2 days' where username = 'sup3.nairobi' and state = 'HELD'");
    await().atMost(WAIT).until(() -> mailsTo("sup3@county047.example", "daily summary").stream()
        .anyMatch(m -> body(m).contains(caseNumber)));
    List<MimeMessage> digests = mailsTo("sup3@county047.example", "daily summary").stream()
        .filter(m -> body(m).contains(caseNumber)).toList();
    assertThat(digests).hasSize(1);
    assertThat(body(digests.get(0))).contains("Counter-Trafficking Secretariat has news", "A follow-up visit is overdue")
        .doesNotContain("Moraa");
    assertThat(jdbc.queryForList("""
        select distinct digest_id from outbound_message where username = 'sup3.nairobi' and case_id = ? and state = 'DIGESTED'""",
        Long.class, caseId)).as("both in one digest").hasSize(1);
    settled(caseNumber);
    assertThat(mailsTo("sup3@county047.example", caseNumber)).as("none of them on its own").isEmpty();
  }

  @Test
  void choicesAreValidatedAndKept() {
    Api cw2 = new Api(port, "cw2.nairobi");
    Api.Response noPhone = cw2.put("/api/me/notifications", choices(null, null, false, true, false, false));
    assertThat(noPhone.status()).isEqualTo(400);
    assertThat(noPhone.body().get("errors").get(0).get("field").asText()).isEqualTo("phone");
    Api.Response badAddress = cw2.put("/api/me/notifications", choices("not an address", null, true, false, false, false));
    assertThat(badAddress.status()).isEqualTo(400);
    assertThat(badAddress.body().get("errors").get(0).get("field").asText()).isEqualTo("email");
    assertThat(cw2.speaking("sw").put("/api/me/notifications", choices(null, null, true, false, false, false)).body().toString())
        .contains("Barua pepe inahitaji anwani");
    cw2.ok(cw2.put("/api/me/notifications", choices("cw2@county047.example", "+254 711 000 000", true, true, false, true)));
    JsonNode mine = cw2.ok(cw2.get("/api/me/notifications"));
    assertThat(mine.get("choices").get("phone").asText()).isEqualTo("+254 711 000 000");
    assertThat(mine.get("choices").get("dailyDigest").asBoolean()).isTrue();
    assertThat(mine.get("emailAvailable").asBoolean()).isTrue();
    assertThat(cw2.page("/notifications")).contains("cw2@county047.example", "My notifications");
  }
}
