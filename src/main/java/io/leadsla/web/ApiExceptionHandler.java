package io.leadsla.web;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place our controllers' errors become problems: Spring MVC's own (a missing parameter, a wrong content
 * type, an unreadable body, an unknown path) through {@link ResponseEntityExceptionHandler}, and anything
 * unexpected as a 500 problem that says nothing about the inside. The engine's REST API's errors become problems
 * in {@link EngineRestProblems}.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  /** A query or form that does not bind (say {@code cycle=abc}): which parameter, and what it was given. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String detail = e.getFieldErrors().stream()
        .map(error -> error.getField() + " '" + error.getRejectedValue() + "' is not valid"
            + ("typeMismatch".equals(error.getCode()) ? ": wrong type" : ""))
        .collect(Collectors.joining("; "));
    return handleExceptionInternal(e, Problems.of(HttpStatus.BAD_REQUEST.value(),
        detail.isEmpty() ? "The request's parameters are not valid" : detail), headers, status, request);
  }

  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    LOG.error("Request failed", e);
    return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR.value(), Problems.OUR_FAULT);
  }
}
