package ke.childprotection.web;

import ke.childprotection.support.NotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The pages' answer to an unknown (or other county's) id: the error page. Every module's pages get it;
 * the API's controllers meet {@link ApiErrors} first (ordered before this) and answer problem details.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {
  @ExceptionHandler(NotFound.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(org.springframework.ui.Model model) {
    model.addAttribute("status", 404);
    return "error";
  }
}
