package io.leadsla.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Backpressure: a node past what it can take answers 503 with Retry-After at once and stores nothing; the public
 * form keeps what the visitor typed; a full backlog of accepted leads stops intake until it drains; liveness
 * answers with every database connection taken.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-admission;DB_CLOSE_DELAY=-1",
    "spring.datasource.hikari.maximum-pool-size=4",
    "spring.datasource.hikari.connection-timeout=2000",
    "camunda.bpm.job-execution.enabled=false",
    "leadsla.intake.max-concurrent=1",
    "leadsla.intake.max-wait=20ms",
    "leadsla.intake.max-backlog=2",
    "leadsla.intake.backlog-check=PT1H",   // counted by the test when it wants, not by the schedule
    "leadsla.intake.retry-after=7s"
})
class IntakeAdmissionTest {

  @Autowired TestRestTemplate rest;
  @Autowired Bulkhead intakeBulkhead;
  @Autowired IntakeBacklog backlog;
  @Autowired JdbcTemplate jdbc;
  @Autowired DataSource dataSource;
  @Autowired ManagementService managementService;
  @Autowired ProcessEngine engine;

  ResponseEntity<String> postLead(String email) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    headers.set("X-Api-Key", "demo-intake-key");
    return rest.exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(
        "{\"name\": \"Jo\", \"email\": \"" + email + "\", \"source\": \"webinar\"}", headers), String.class);
  }

  ResponseEntity<String> postForm(String form) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    return rest.exchange("/forms/lead", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
  }

  long leads() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM lead", Long.class);
  }

  @Test
  void aFullNodeAnswers503WithRetryAfterAtOnceAndStoresNothing() {
    long before = leads();
    assertThat(intakeBulkhead.tryAcquirePermission()).as("the test takes the only slot").isTrue();
    try {
      long started = System.nanoTime();
      ResponseEntity<String> refused = postLead("busy@example.org");
      long tookMillis = (System.nanoTime() - started) / 1_000_000;

      assertThat(refused.getStatusCode().value()).isEqualTo(503);
      assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
      assertThat(refused.getBody()).contains("\"status\":503", "nothing was stored", "7 seconds");
      assertThat(refused.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(tookMillis).as("shed without waiting long (max-wait 20 ms)").isLessThan(2_000);
      assertThat(leads()).isEqualTo(before);

      ResponseEntity<String> form = postForm("name=Ann+%3Cb%3ELee%3C%2Fb%3E&email=ann%40example.org"
          + "&company=Acme&message=Call+me+after+3&source=contact_sales");
      assertThat(form.getStatusCode().value()).isEqualTo(503);
      assertThat(form.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
      assertThat(form.getBody())
          .contains("please send it again in a minute", "value=\"ann@example.org\"", "value=\"Acme\"",
              ">Call me after 3</textarea>", "Ann &lt;b&gt;Lee&lt;/b&gt;")
          .doesNotContain("<b>Lee</b>");
      assertThat(leads()).isEqualTo(before);
    } finally {
      intakeBulkhead.onComplete();
    }
    assertThat(postLead("busy@example.org").getStatusCode().value()).as("the slot is free again").isEqualTo(201);
  }

  @Test
  void aFullBacklogOfAcceptedLeadsStopsIntakeUntilItDrains() {
    List<String> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      assertThat(postLead("backlog" + i + "@example.org").getStatusCode().value()).isEqualTo(201);
    }
    backlog.count();
    assertThat(backlog.waiting()).isGreaterThanOrEqualTo(3);
    ResponseEntity<String> refused = postLead("one-too-many@example.org");
    assertThat(refused.getStatusCode().value()).isEqualTo(503);
    assertThat(refused.getBody()).contains("waiting to be started");
    assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getBody())
        .contains("\"intakeBacklog\"", "\"accepting\":false");

    managementService.createJobQuery().activityId(LeadCycleProcess.TASK_PREPARE_LEAD).list()
        .forEach(job -> instances.add(job.getProcessInstanceId()));
    instances.forEach(instance -> LeadCycleDriver.runStartJob(engine, instance));
    backlog.count();
    assertThat(backlog.waiting()).isZero();
    assertThat(postLead("one-too-many@example.org").getStatusCode().value()).isEqualTo(201);
  }

  @Test
  void livenessNeedsNoDatabaseConnection() throws Exception {
    List<Connection> taken = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        taken.add(dataSource.getConnection());   // the whole pool
      }
      long started = System.nanoTime();
      ResponseEntity<String> liveness = rest.getForEntity("/actuator/health/liveness", String.class);
      assertThat(liveness.getStatusCode().value()).isEqualTo(200);
      assertThat(liveness.getBody()).contains("UP");
      assertThat((System.nanoTime() - started) / 1_000_000).as("well before the pool's 2 s time-out").isLessThan(1_500);
    } finally {
      for (Connection connection : taken) {
        connection.close();
      }
    }
    assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode().value()).isEqualTo(200);
  }
}
