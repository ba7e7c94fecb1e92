package io.leadsla.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place our controllers' errors become problems: Spring MVC's own (a missing parameter, a wrong content
 * type, an unreadable body, an unknown path) through {@link ResponseEntityExceptionHandler}, and anything
 * unexpected as a 500 problem that says nothing about the inside. Camunda's REST API keeps its own error format.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    LOG.error("Request failed", e);
    return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR.value(),
        "Something went wrong on our side; it has been logged. Try again, or tell your administrator.");
  }
}
