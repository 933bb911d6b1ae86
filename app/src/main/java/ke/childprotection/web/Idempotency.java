package ke.childprotection.web;

import ke.childprotection.support.Conflict;
import ke.childprotection.support.InvalidInput;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import ke.childprotection.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * The {@code Idempotency-Key} request header on the endpoints that create something (a report, a found
 * child, a sighting, a located child, a document): a client that did not get an answer (a dropped 3G
 * connection, a restart of the app) sends the same request with the same key again and gets the first
 * answer, never a second case. The key belongs to the user; the first answer is stored in the same
 * transaction as what the request created, so a request that failed stored nothing and may be retried.
 * The same key with a different request is refused (422).
 */
@Component
public class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  private static final Logger log = LoggerFactory.getLogger(Idempotency.class);
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final Duration keep;

  Idempotency(JdbcClient db, TransactionTemplate tx, ObjectMapper json, @Value("${mcc.idempotency.keep}") Duration keep) {
    this.db = db;
    this.tx = tx;
    this.json = json;
    this.keep = keep;
  }

  private record Stored(String endpoint, String requestHash, Integer status, String location, String body) {}

  /**
   * Runs {@code action} in a transaction, once per (user, key); without a key, every time. {@code request}
   * is what identifies the request's content (its body, or the bytes of an upload).
   */
  public ResponseEntity<?> once(CurrentUser user, String key, String endpoint, Object request,
      Supplier<ResponseEntity<?>> action) {
    return once(user.username(), key, endpoint, request, action);
  }

  /** As {@link #once(CurrentUser, String, String, Object, Supplier)}, for a caller named otherwise (a partner system). */
  public ResponseEntity<?> once(String owner, String key, String endpoint, Object request,
      Supplier<ResponseEntity<?>> action) {
    // The action is the user's (a report, a sighting, "located"), not an edit of a version the user saw:
    // when the system changed the case at the same moment (a step of its process), it is done again on
    // the case as it is now, a few times, before the user is told.
    for (int attempt = 1; ; attempt++) {
      try {
        return onceAttempt(owner, key, endpoint, request, action);
      } catch (org.springframework.dao.OptimisticLockingFailureException concurrent) {
        if (attempt == 3) {
          throw concurrent;
        }
      }
    }
  }

  private ResponseEntity<?> onceAttempt(String user, String key, String endpoint, Object request,
      Supplier<ResponseEntity<?>> action) {
    if (key == null) {
      return tx.execute(status -> action.get());
    }
    if (!KEY.matcher(key).matches()) {
      throw new InvalidInput("problem.invalidFields",
          List.of(new InvalidInput.Field(HEADER, "problem.field.idempotencyKey")));
    }
    String hash = hash(request);
    Optional<Stored> earlier = find(user, key);
    if (earlier.isPresent()) {
      return replay(earlier.get(), endpoint, hash);
    }
    try {
      return tx.execute(status -> {
        db.sql("""
            insert into idempotent_request (username, idempotency_key, endpoint, request_hash, created_at)
            values (?, ?, ?, ?, ?)
            """).params(user, key, endpoint, hash, OffsetDateTime.now()).update();
        ResponseEntity<?> response = action.get();
        db.sql("""
            update idempotent_request set status = ?, location = ?, body = ? where username = ? and idempotency_key = ?
            """).params(response.getStatusCode().value(),
                response.getHeaders().getLocation() == null ? null : response.getHeaders().getLocation().toString(),
                write(response.getBody()), user, key).update();
        return response;
      });
    } catch (DataIntegrityViolationException | PessimisticLockingFailureException e) {
      // the same request sent twice at once: the other one committed first, or is still at work
      Optional<Stored> twin = find(user, key);
      if (twin.isEmpty() && e instanceof DataIntegrityViolationException) {
        throw e; // no twin: the request itself broke a rule of the database
      }
      return twin.filter(s -> s.status() != null).map(s -> replay(s, endpoint, hash))
          .orElseThrow(() -> new Conflict("problem.idempotency.inProgress"));
    }
  }

  private ResponseEntity<?> replay(Stored stored, String endpoint, String hash) {
    if (!stored.endpoint().equals(endpoint) || !stored.requestHash().equals(hash)) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY, "problem.idempotency.otherRequest");
    }
    if (stored.status() == null) {
      throw new Conflict("problem.idempotency.inProgress");
    }
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(stored.status()).header("Idempotent-Replayed", "true");
    if (stored.location() != null) {
      answer.location(URI.create(stored.location()));
    }
    return stored.body() == null ? answer.build() : answer.contentType(MediaType.APPLICATION_JSON).body(stored.body());
  }

  private Optional<Stored> find(String user, String key) {
    return db.sql("""
        select endpoint, request_hash, status, location, body from idempotent_request where username = ? and idempotency_key = ?
        """).params(user, key)
        .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
            rs.getString(5)))
        .optional();
  }

  /** Answers are kept for {@code mcc.idempotency.keep}; a client retries within minutes, not weeks. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  void forgetOldAnswers() {
    int forgotten = db.sql("delete from idempotent_request where created_at < ?")
        .params(OffsetDateTime.now().minus(keep)).update();
    if (forgotten > 0) {
      log.debug("forgot {} idempotent answers older than {}", forgotten, keep);
    }
  }

  private String write(Object body) {
    try {
      return body == null ? null : json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("answer not serialisable", e);
    }
  }

  private String hash(Object request) {
    try {
      byte[] bytes = request instanceof byte[] raw ? raw : json.writeValueAsBytes(request);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
