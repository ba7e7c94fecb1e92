package io.leadsla.intake;

import io.leadsla.web.Problems;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.leadsla.LeadSlaProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Backpressure in front of every way in that starts lead work (JSON API, CSV upload, public form, the engine's
 * REST API for messages and process starts): a bulkhead of {@code leadsla.intake.max-concurrent} slots per node.
 * A submission that gets no slot within {@code max-wait} (at once while the node sheds: {@link IntakePressure}), or
 * comes while the backlog of accepted leads is full,
 * is answered at once with 503 and {@code Retry-After}: the node stays responsive and the database connections
 * stay free for the job executor, Tasklist and health. The public form shows its visitor what they typed again.
 */
class IntakeAdmission extends OncePerRequestFilter {

  private static final String BACKLOG_FULL = "More leads are waiting to be started than this system takes at once";
  private static final String NO_SLOT = "This node is taking in as many leads as it can";

  private final Bulkhead bulkhead;
  private final IntakeBacklog backlog;
  private final long retryAfterSeconds;
  private final Counter shed;
  private final byte[] backlogFull;
  private final byte[] noSlot;

  IntakeAdmission(Bulkhead bulkhead, IntakeBacklog backlog, long retryAfterSeconds, Counter shed) {
    this.bulkhead = bulkhead;
    this.backlog = backlog;
    this.retryAfterSeconds = retryAfterSeconds;
    this.shed = shed;
    // written once, at start: the first refusals of an overload came 50 to 200 ms late while the JSON writer was
    // set up for them, with two cores busy
    this.backlogFull = problem(BACKLOG_FULL);
    this.noSlot = problem(NO_SLOT);
  }

  private byte[] problem(String why) {
    return Problems.json(503, why + "; nothing was stored. Send it again in " + retryAfterSeconds + " seconds", null)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (backlog.full()) {
      refuse(request, response, backlogFull);
      return;
    }
    if (!bulkhead.tryAcquirePermission()) {
      refuse(request, response, noSlot);
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      bulkhead.onComplete();
    }
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, byte[] problem) throws IOException {
    shed.increment();
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (request.getRequestURI().startsWith("/forms/")) {
      Map<String, String> typed = new LinkedHashMap<>();
      request.getParameterMap().forEach((name, values) -> typed.put(name, values.length == 0 ? null : values[0]));
      typed.remove(LeadFormController.HONEYPOT);
      response.setContentType("text/html");
      response.getWriter().write(LeadFormPage.busy(typed));
    } else {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setContentLength(problem.length);
      response.getOutputStream().write(problem);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    Bulkhead intakeBulkhead(LeadSlaProperties properties) {
      return Bulkhead.of("intake", BulkheadConfig.custom()
          .maxConcurrentCalls(properties.intake().maxConcurrent())
          .maxWaitDuration(properties.intake().maxWait())
          .build());
    }

    @Bean
    FilterRegistrationBean<IntakeAdmission> intakeAdmission(Bulkhead intakeBulkhead, IntakeBacklog backlog,
        LeadSlaProperties properties, MeterRegistry meters) {
      Counter shed = Counter.builder("leadsla.intake.shed")
          .description("Submissions answered 503 because the node or the backlog was full").register(meters);
      FilterRegistrationBean<IntakeAdmission> registration = new FilterRegistrationBean<>(new IntakeAdmission(
          intakeBulkhead, backlog, Math.max(1, properties.intake().retryAfter().toSeconds()), shed));
      registration.addUrlPatterns("/api/leads", "/api/leads/*", "/forms/lead", "/engine-rest/message",
          "/engine-rest/process-definition/*");
      // before authentication: shedding must cost nothing, not even a password check against the database
      // (only the security headers come first, see web/SecurityHeaders)
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
      return registration;
    }
  }
}
