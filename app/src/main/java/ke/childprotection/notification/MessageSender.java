package ke.childprotection.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import ke.childprotection.support.BackgroundLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends what waits in the outbox: each message is claimed for a while (another instance leaves it
 * alone), handed to its channel, and marked SENT; a failure waits first-retry, doubling, and after
 * max-attempts the message is FAILED for the administrator to see and retry. A message whose SENT mark
 * was lost (the app killed right after the hand-over) is handed over again with the same Message-ID or
 * SMS reference, by which the receiving side can recognise it.
 */
@Component
class MessageSender implements ke.childprotection.support.RunsInBackground {
  private static final Logger log = LoggerFactory.getLogger(MessageSender.class);

  private final OutboundMessages outbox;
  private final MessageChannels channels;
  private final MessageSettings settings;
  private final AtomicBoolean wakeQueued = new AtomicBoolean();
  private final BackgroundLoop loop;

  MessageSender(OutboundMessages outbox, MessageChannels channels, MessageSettings settings) {
    this.outbox = outbox;
    this.channels = channels;
    this.settings = settings;
    this.loop = new BackgroundLoop("message-sender", settings.sendInterval(), this::drain);
  }

  void wake() {
    if (wakeQueued.compareAndSet(false, true)) {
      loop.wake();
    }
  }

  /** Sends every due message; returns how many were sent. */
  int drain() {
    wakeQueued.set(false);
    int sent = 0;
    while (true) {
      OffsetDateTime now = OffsetDateTime.now();
      List<OutboundMessages.Due> due = outbox.due(now, 50);
      int sentThisRound = 0;
      for (OutboundMessages.Due message : due) {
        if (outbox.claim(message.id(), now, now.plus(settings.sendTimeout().multipliedBy(3))) && send(message)) {
          sentThisRound++;
        }
      }
      sent += sentThisRound;
      if (sentThisRound == 0) {
        return sent;
      }
    }
  }

  private boolean send(OutboundMessages.Due message) {
    int attempt = message.attempts() + 1;
    try {
      if (message.address() == null || message.address().isBlank()) {
        throw new MessageChannels.Refused("no " + (message.channel() == MessageSettings.Channel.EMAIL ? "e-mail address" : "phone number")
            + " for the recipient any more");
      }
      channels.send(message);
      outbox.sent(message.id(), OffsetDateTime.now());
      return true;
    } catch (MessageChannels.Refused e) {
      // it will not go through by waiting (no address, a number the gateway rejects): given up at once
      outbox.failed(message.id(), e.getMessage(), null);
      log.warn("Message {} ({}) refused, not retried: {}", message.id(), message.channel(), e.getMessage());
    } catch (RuntimeException e) {
      OffsetDateTime next = attempt >= settings.maxAttempts() ? null : OffsetDateTime.now().plus(settings.retryAfter(attempt));
      String reason = e.toString().lines().findFirst().orElse("");
      outbox.failed(message.id(), reason, next);
      log.warn("Message {} ({}) not sent, attempt {} of {}{}: {}", message.id(), message.channel(), attempt,
          settings.maxAttempts(), next == null ? ", given up" : ", next at " + next, reason);
    }
    return false;
  }

  @Override
  public BackgroundLoop loop() {
    return loop;
  }
}
