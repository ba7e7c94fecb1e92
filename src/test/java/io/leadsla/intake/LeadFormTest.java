package io.leadsla.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The public lead-capture page: no login, a honeypot, a rate limit, the same checks as the API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-form;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "leadsla.intake.form-submissions-per-minute=3",
    "leadsla.form.embed-origins=https://www.acme-marketing.example"
})
class LeadFormTest {

  @Autowired TestRestTemplate rest;
  @Autowired JdbcTemplate jdbc;

  static int minute;

  /** Every test in a rate-limit window (a minute) of its own: all requests come from 127.0.0.1. */
  @BeforeEach
  void ownMinute() {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-02T09:00:10Z").plusSeconds(60L * ++minute)));
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ResponseEntity<String> submit(String email, String... more) {
    MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
    form.add("name", "Jo Doe");
    form.add("email", email);
    form.add("company", "Acme");
    form.add("source", "demo_request");
    form.add("consent", "true");
    form.add("website", "");
    for (int i = 0; i < more.length; i += 2) {
      form.set(more[i], more[i + 1]);
    }
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return rest.postForEntity("/forms/lead", new HttpEntity<>(form, headers), String.class);
  }

  long leads(String email) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE email = ?", Long.class, email);
  }

  @Test
  void requiredFieldsAreMarked() {
    String page = rest.getForEntity("/forms/lead", String.class).getBody();
    assertThat(page).contains("Your name <span class=\"required\" aria-hidden=\"true\">*</span>",
        "Work e-mail <span class=\"required\" aria-hidden=\"true\">*</span>", "*</span> required")
        .doesNotContain("Company <span class=\"required\"");
  }

  @Test
  void theFormIsPublic() {
    ResponseEntity<String> page = rest.getForEntity("/forms/lead", String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getBody()).contains("<form method=\"post\" action=\"/forms/lead\">", "name=\"website\"");
  }

  @Test
  void aSubmittedFormStartsALeadAndSaysThankYou() {
    ResponseEntity<String> thanks = submit("form.lead@example.org");

    assertThat(thanks.getStatusCode().value()).isEqualTo(200);
    assertThat(thanks.getBody()).contains("Thank you, Jo Doe");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead l JOIN lead_cycle c ON c.lead_id = l.id "
        + "WHERE l.email = 'form.lead@example.org' AND c.source = 'demo_request'", Long.class)).isEqualTo(1);
  }

  @Test
  void aBotThatFillsTheHoneypotIsThankedAndIgnored() {
    ResponseEntity<String> thanks = submit("bot@example.org", "website", "http://spam.example");

    assertThat(thanks.getStatusCode().value()).isEqualTo(200);
    assertThat(leads("bot@example.org")).isZero();
  }

  @Test
  void badInputIsShownAgainEscapedAndCreatesNothing() {
    ResponseEntity<String> page = submit("not-an-email", "name", "<script>alert(1)</script>");

    assertThat(page.getStatusCode().value()).isEqualTo(422);
    assertThat(page.getBody()).contains("email is not a valid e-mail address")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
        .as("the consent the visitor gave is kept").contains("name=\"consent\" value=\"true\" checked>");
    assertThat(submit("not-an-email", "consent", "").getBody()).as("and not given where it was not")
        .contains("name=\"consent\" value=\"true\">");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead WHERE name LIKE '%script%'", Long.class)).isZero();
  }

  @Test
  void tooManySubmissionsFromOneAddressAreAskedToWait() {
    int accepted = 0;
    ResponseEntity<String> last = null;
    for (int i = 0; i < 4; i++) {
      last = submit("bot" + i + "@example.org", "website", "spam");   // honeypot: cheap, nothing stored
      if (last.getStatusCode().value() == 200) {
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(3);
    assertThat(last.getStatusCode().value()).isEqualTo(429);
    assertThat(last.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("50");

    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plusSeconds(50)));
    assertThat(submit("later@example.org").getStatusCode().value()).isEqualTo(200);
  }

  @Test
  void onlyTheConfiguredMarketingSiteMayFrameTheFormAndNoResponseIsSniffed() {
    ResponseEntity<String> page = rest.getForEntity("/forms/lead", String.class);
    assertThat(page.getHeaders().get("Content-Security-Policy"))
        .containsExactly("frame-ancestors 'self' https://www.acme-marketing.example");
    assertThat(page.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");

    ResponseEntity<String> api = rest.getForEntity("/api/openapi", String.class);
    assertThat(api.getHeaders().get("Content-Security-Policy")).containsExactly("frame-ancestors 'none'");
    assertThat(api.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
    ResponseEntity<String> dashboard = rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/dashboard", String.class);
    assertThat(dashboard.getHeaders().get("Content-Security-Policy")).as("its own policy, once")
        .singleElement().asString().contains("script-src 'self'").contains("frame-ancestors 'self'");
  }

  @Test
  void aChunkedBodyLargerThanAFormCanHoldIsNotReadAndStoresNothing() throws Exception {
    long leads = jdbc.queryForObject("SELECT COUNT(*) FROM lead", Long.class);
    byte[] huge = ("name=Jo+Chunked&email=chunked%40example.org&source=demo_request&message="
        + "x".repeat(3 * 1024 * 1024)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(rest.getRootUri() + "/forms/lead"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            // no Content-Length: the body comes chunked
            .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isBetween(400, 499);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead", Long.class)).isEqualTo(leads);
  }
}
