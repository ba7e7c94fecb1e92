package io.leadsla.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * Every error of our HTTP API is an RFC 9457 problem ({@code application/problem+json}): status, title, a
 * sentence in {@code detail}, and for a bad submission each bad field with what is wrong with it in {@code fields}.
 * Controllers return {@link ProblemDetail}s (see {@link ApiExceptionHandler}); filters, which answer before
 * Spring MVC, and the intake, which keeps its answers for idempotent replays, write them through here.
 */
public final class Problems {

  private static final ObjectMapper JSON = new ObjectMapper()
      .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);

  /** What a 500 says: nothing of the inside (the failure is logged where it happened). */
  public static final String OUR_FAULT =
      "Something went wrong on our side; it has been logged. Try again, or tell your administrator.";

  private Problems() {}

  public static ProblemDetail of(int status, String detail) {
    return ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
  }

  /** A problem naming the bad fields of a submission, each with what is wrong with it. */
  public static ProblemDetail of(int status, String detail, Map<String, String> fields) {
    ProblemDetail problem = of(status, detail);
    if (fields != null && !fields.isEmpty()) {
      problem.setProperty("fields", new TreeMap<>(fields));
    }
    return problem;
  }

  public static String json(int status, String detail, Map<String, String> fields) {
    return json(of(status, detail, fields));
  }

  public static String json(ProblemDetail problem) {
    try {
      return JSON.writeValueAsString(problem);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** For filters: answers the request with the problem. */
  public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json(problem));
  }

  /** A JSON body as stored by the intake: a problem when the status is an error, the answer otherwise. */
  public static ResponseEntity<String> entity(int status, String body) {
    String type = status >= 400 ? MediaType.APPLICATION_PROBLEM_JSON_VALUE : MediaType.APPLICATION_JSON_VALUE;
    return ResponseEntity.status(status).header(HttpHeaders.CONTENT_TYPE, type).body(body);
  }
}
