package io.leadsla.intake;

import io.leadsla.web.Problems;
import static io.leadsla.intake.LeadIntakeController.json;

import io.leadsla.lead.InvalidLeadException;
import io.leadsla.nurture.EngagementEvent;
import io.leadsla.nurture.LeadEngagements;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/leads/{leadId}/engagement}: marketing automation reports what a lead did (API key,
 * Idempotency-Key per lead). A nurtured lead whose score reaches the threshold starts its next cycle.
 */
@RestController
class LeadEngagementController {

  private static final Pattern LEAD_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

  private final IdempotentIntake requests;
  private final LeadEngagements engagements;

  LeadEngagementController(IdempotentIntake requests, LeadEngagements engagements) {
    this.requests = requests;
    this.engagements = engagements;
  }

  @PostMapping(path = "/api/leads/{leadId}/engagement", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<String> engage(@PathVariable String leadId,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      HttpServletRequest request) throws IOException {
    if (!LEAD_ID.matcher(leadId).matches()) {
      return json(404, Problems.json(404, "There is no lead with this id", null));
    }
    byte[] body = LeadIntakeController.readBounded(request);
    if (body == null) {
      return json(413, Problems.json(413, "The body is larger than " + LeadIntakeController.MAX_BODY_BYTES + " bytes", null));
    }
    IntakeResponse response = requests.handle("engagement:" + leadId, idempotencyKey, body, () -> record(leadId, body));
    return json(response.status(), response.body());
  }

  private IntakeResponse record(String leadId, byte[] body) {
    Map<String, Object> raw = requests.jsonObject(body);
    if (raw == null) {
      return new IntakeResponse(400, Problems.json(400, "The body must be a JSON object", null));
    }
    EngagementEvent event;
    try {
      event = EngagementEvent.parse(raw, ClockUtil.getCurrentTime().toInstant());
    } catch (InvalidLeadException e) {
      return new IntakeResponse(422, Problems.json(422, "The engagement has invalid fields", e.fieldErrors()));
    }
    Optional<LeadEngagements.Result> recorded = engagements.record(leadId, event);
    if (recorded.isEmpty()) {
      return new IntakeResponse(404, Problems.json(404, "There is no lead with this id", null));
    }
    LeadEngagements.Result result = recorded.get();
    return new IntakeResponse(200, requests.write(new Engaged(result.leadId(), result.score(),
        result.outcome().name().toLowerCase(), result.cycle(), result.processInstanceId(), result.reengageScore())));
  }

  /** The answer to a recorded engagement; {@code cycle} and {@code processInstanceId} are those of a comeback. */
  record Engaged(String leadId, int score, String outcome, int cycle, String processInstanceId,
      Integer reengageScore) {}

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<String> wrongContentType() {
    return json(415, Problems.json(415, "Send the engagement as application/json", null));
  }
}
