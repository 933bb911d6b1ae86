package ke.childprotection.web;

import ke.childprotection.support.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The pages' answer to an unknown (or other county's) id, or a refused action: the error page. */
@ControllerAdvice(assignableTypes = Pages.class)
class PageErrors {
  @ExceptionHandler(NotFound.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(org.springframework.ui.Model model) {
    model.addAttribute("status", 404);
    return "error";
  }
}
