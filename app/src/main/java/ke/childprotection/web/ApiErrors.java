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

  ApiErrors(ke.childprotection.audit.RefusedRequests refused) {
    this.refused = refused;
  }

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiErrors.class);

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<InvalidInput.Field> fields = e.getBindingResult().getFieldErrors().stream()
        .map(f -> new InvalidInput.Field(f.getField(), f.getDefaultMessage())).toList();
    return ResponseEntity.badRequest().body(badRequest("The request has invalid fields.", fields));
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
      String reason = original.contains("control character") ? "contains a control character"
          : original.contains("outside 1900-2199") ? "a date between 1900 and 2199" : "not a valid value of the expected type";
      fields = List.of(new InvalidInput.Field(field, reason));
    }
    return ResponseEntity.badRequest().body(badRequest("The request body is not readable JSON of the expected shape.", fields));
  }

  @ExceptionHandler(InvalidInput.class)
  ProblemDetail invalid(InvalidInput e) {
    return badRequest(e.getMessage(), e.fields());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
    return badRequest("Invalid value for " + e.getName() + ".", List.of(new InvalidInput.Field(e.getName(), "invalid value")));
  }

  @ExceptionHandler(NotFound.class)
  ProblemDetail notFound(NotFound e) {
    return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
  }

  @ExceptionHandler(Conflict.class)
  ProblemDetail conflict(Conflict e) {
    return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
  }

  @ExceptionHandler(OptimisticLockingFailureException.class)
  ProblemDetail concurrentChange(OptimisticLockingFailureException e) {
    return problem(HttpStatus.CONFLICT, "Conflict", "Someone else changed this at the same moment; reload and try again.");
  }

  @ExceptionHandler(AccessDeniedException.class)
  ProblemDetail forbidden(AccessDeniedException e, jakarta.servlet.http.HttpServletRequest request) {
    refused.record(request);
    return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
  }

  /**
   * Anything else is the system's fault, not the request's: a problem detail with a reference for the
   * log, never the exception's text (which may carry SQL, class names or a child's data).
   */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
    log.error("Unexpected error, reference {}", reference, e);
    ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
        "The request could not be completed and nothing of it was saved. Give reference " + reference
            + " to your administrator if it happens again.");
    problem.setProperty("reference", reference);
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    // the framework's own problem details say what was wrong without the exception's text
    if (body instanceof ProblemDetail detail && status.is5xxServerError()) {
      detail.setDetail("The request could not be completed.");
    }
    return super.handleExceptionInternal(e, body, headers, status, request);
  }

  private static ProblemDetail badRequest(String detail, List<InvalidInput.Field> fields) {
    ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid input", detail);
    problem.setProperty("errors", fields);
    return problem;
  }

  private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    problem.setType(URI.create("about:blank"));
    return problem;
  }
}
