package io.leadsla.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}) in the problem format of the rest of our API, instead of
 * Spring Boot's default, which answers a direct call (no error behind it) with a 500. What the container
 * forwards here keeps its status; the page called on its own is a 404. No detail of the failure leaves the node:
 * the failure itself was logged where it happened.
 */
@RestController
class ErrorPageProblems implements ErrorController {

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    if (status == null || !status.isError()) {
      status = HttpStatus.NOT_FOUND;
    }
    String detail = status.is5xxServerError()
        ? Problems.OUR_FAULT
        : status == HttpStatus.NOT_FOUND ? "There is nothing at this address." : status.getReasonPhrase();
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(status.value(), detail));
  }
}
