package io.leadsla.intake;

import io.leadsla.LeadSlaProperties;
import io.leadsla.lead.InvalidInputException;
import io.leadsla.lead.InvalidLeadException;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadFieldsValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public lead-capture page: a plain HTML form a marketing site can copy or embed, posting form-encoded data
 * to the same intake as the API. Public on purpose; guarded by a honeypot field and a rate limit per address.
 */
@RestController
class LeadFormController {

  static final String HONEYPOT = "website";
  static final int MAX_BODY_BYTES = 64 * 1024;

  private final LeadFieldsValidator validator;
  private final LeadIntakeService intake;
  private final FormRateLimiter rateLimiter;

  LeadFormController(LeadFieldsValidator validator, LeadIntakeService intake, LeadSlaProperties properties) {
    this.validator = validator;
    this.intake = intake;
    this.rateLimiter = new FormRateLimiter(properties.intake() == null || properties.intake().formSubmissionsPerMinute() == null
        ? 5 : properties.intake().formSubmissionsPerMinute());
  }

  @GetMapping(path = "/forms/lead", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page() {
    return html(200, LeadFormPage.form(Map.of(), Map.of()));
  }

  @PostMapping(path = "/forms/lead", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> submit(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return html(413, LeadFormPage.problem("That was more than a lead form can hold."));
    }
    Optional<Duration> wait = rateLimiter.acquire(request.getRemoteAddr(), ClockUtil.getCurrentTime().toInstant());
    if (wait.isPresent()) {
      return ResponseEntity.status(429).header(HttpHeaders.RETRY_AFTER, Long.toString(wait.get().toSeconds()))
          .contentType(MediaType.TEXT_HTML).body(LeadFormPage.problem("Too many submissions from your address. "
              + "Please try again in " + wait.get().toSeconds() + " seconds."));
    }
    Map<String, String> values = new LinkedHashMap<>();
    form.forEach((key, list) -> values.put(key, list.isEmpty() ? null : list.get(0)));
    if (values.get(HONEYPOT) != null && !values.get(HONEYPOT).isBlank()) {
      // a bot filled the invisible field: thank it and keep nothing
      return html(200, LeadFormPage.thanks(values.get("name")));
    }
    values.remove(HONEYPOT);
    Map<String, Object> raw = new LinkedHashMap<>(values);
    raw.values().removeIf(value -> value == null || value.toString().isBlank());
    raw.computeIfPresent("score", (key, value) -> parseScore(value.toString()));
    raw.computeIfPresent("consent", (key, value) -> "on".equals(value) || "true".equals(value));
    raw.putIfAbsent("source", "contact_sales");
    LeadFields lead;
    try {
      lead = validator.validate(raw);
      intake.submit(lead, "form");
    } catch (InvalidLeadException e) {
      return html(422, LeadFormPage.form(values, e.fieldErrors()));
    } catch (InvalidInputException e) {
      return html(422, LeadFormPage.problem(e.getMessage()));
    }
    return html(200, LeadFormPage.thanks(lead.name()));
  }

  private static Object parseScore(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return text;   // the validator names it
    }
  }

  private static ResponseEntity<String> html(int status, String body) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(body);
  }
}
