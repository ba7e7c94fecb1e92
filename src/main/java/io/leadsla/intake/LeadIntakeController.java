package io.leadsla.intake;

import io.leadsla.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/leads}: marketing automation webhooks (JSON, API key, Idempotency-Key). */
@RestController
class LeadIntakeController {

  /** Far above any real lead (the longest field is 2,000 characters), far below what could hurt. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final IdempotentIntake intake;

  LeadIntakeController(IdempotentIntake intake) {
    this.intake = intake;
  }

  @PostMapping(path = "/api/leads", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> submit(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request) throws IOException {
    byte[] body = readBounded(request);
    if (body == null) {
      return json(413, Problems.json(413, "The body is larger than " + MAX_BODY_BYTES + " bytes", null));
    }
    IntakeResponse response = intake.handle(idempotencyKey, body, "api");
    return json(response.status(), response.body());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<String> wrongContentType() {
    return json(415, Problems.json(415, "Send the lead as application/json", null));
  }

  /** The body, or null if it is too large (judged by Content-Length or by reading at most one byte too many). */
  static byte[] readBounded(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  static ResponseEntity<String> json(int status, String body) {
    return Problems.entity(status, body);
  }
}
