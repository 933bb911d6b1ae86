package ke.childprotection.web;

import ke.childprotection.support.Conflict;
import ke.childprotection.support.NotFound;
import ke.childprotection.support.InvalidInput;
import java.net.URI;
import java.util.List;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one error format of the API: RFC 9457 problem details, with {@code errors} per field for 400.
 * Extends Spring's handler so that the framework's own errors (unsupported method, missing parameter…)
 * come out as problem details too, and Spring Boot's default handler steps aside.
 */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {
  private final ke.childprotection.audit.RefusedRequests refused;
  private final org.springframework.context.MessageSource messages;

  ApiErrors(ke.childprotection.audit.RefusedRequests refused, org.springframework.context.MessageSource messages) {
    this.refused = refused;
    this.messages = messages;
  }

  /** A text of the bundles in the request's language; a text that is no key stays as it is. */
  private String text(String key, Object... args) {
    return key == null ? null : messages.getMessage(key, args, key, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<InvalidInput.Field> fields = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new InvalidInput.Field(f.getField(), f.getDefaultMessage())).toList();
    return ResponseEntity.badRequest().body(badRequest("problem.invalidFields", fields));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    // name the field when the reader knows it (a wrong type, a control character in text), never echo the value
    List<InvalidInput.Field> fields = List.of();
    if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
      String original = mapping.getOriginalMessage() == null ? "" : mapping.getOriginalMessage();
      String reason = original.contains("control character") ? "problem.field.controlCharacter"
          : original.contains("outside 1900-2199") ? "problem.field.dateRange" : "problem.field.wrongType";
      fields = List.of(new InvalidInput.Field(field, reason));
    }
    return ResponseEntity.badRequest().body(badRequest("problem.unreadable", fields));
  }

  @ExceptionHandler(InvalidInput.class)
  ProblemDetail invalid(InvalidInput e) {
    return badRequest(e.key(), e.fields(), e.args());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
    return badRequest("problem.invalidValue", List.of(new InvalidInput.Field(e.getName(), "problem.field.invalidValue")), e.getName());
  }

  @ExceptionHandler(NotFound.class)
  ProblemDetail notFound(NotFound e) {
    return problem(HttpStatus.NOT_FOUND, text("problem.title.notFound"), text(e.key(), e.args()));
  }

  @ExceptionHandler(Conflict.class)
  ProblemDetail conflict(Conflict e) {
    return problem(HttpStatus.CONFLICT, text("problem.title.conflict"), text(e.key(), e.args()));
  }

  /** Over a limit: when to try again, in seconds (Retry-After), and in the text. */
  @ExceptionHandler(ke.childprotection.support.TooManyRequests.class)
  ResponseEntity<ProblemDetail> tooMany(ke.childprotection.support.TooManyRequests e) {
    long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
    Object[] args = java.util.Arrays.copyOf(e.args(), e.args().length + 1);
    args[args.length - 1] = seconds; // the text's last value: the seconds to wait
    ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, text("problem.title.tooMany"), text(e.key(), args));
    problem.setProperty("retryAfterSeconds", seconds);
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem);
  }

  @ExceptionHandler(OptimisticLockingFailureException.class)
  ProblemDetail concurrentChange(OptimisticLockingFailureException e) {
    return problem(HttpStatus.CONFLICT, text("problem.title.conflict"), text("problem.concurrentChange"));
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e, jakarta.servlet.http.HttpServletRequest request) {
    refused.record(request);
    return problem(HttpStatus.FORBIDDEN, text("problem.title.forbidden"), forbiddenText(e));
  }

  /** Our refusals name their text; the framework's own ("Access Denied") get the general one. */
  private String forbiddenText(AccessDeniedException e) {
    String key = e.getMessage() != null && e.getMessage().startsWith("problem.") ? e.getMessage() : "problem.forbidden";
    return text(key, e instanceof ke.childprotection.support.Refused r ? r.args() : new Object[0]);
  }

  /**
   * Anything else is the system's fault, not the request's: a problem detail with a reference for the
   * log, never the exception's text (which may carry SQL, class names or a child's data).
   */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
    log.error("Unexpected error, reference {}", reference, e);
    ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, text("problem.title.internal"),
        text("problem.internal", reference));
    problem.setProperty("reference", reference);
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    // the framework's own problem details say what was wrong without the exception's text
    if (body instanceof ProblemDetail detail && status.is5xxServerError()) {
      detail.setDetail(text("problem.notCompleted"));
    } else if (body instanceof ProblemDetail detail && detail.getDetail() != null && detail.getDetail().startsWith("problem.")) {
      detail.setDetail(text(detail.getDetail())); // our own reason given to ResponseStatusException
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  private ProblemDetail badRequest(String key, List<InvalidInput.Field> fields, Object... args) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, text("problem.title.invalid"), text(key, args));
    problem.setProperty("errors", fields.stream().map(f -> new InvalidInput.Field(f.field(), text(f.message(), f.args()))).toList());
    return problem;
  }

  private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
