package io.leadsla.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.sla.LeadCycleProcess;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The burst that wedged the node (issue 11), on PostgreSQL with a pool of 5 connections: 60 intake requests at
 * once, the 180 jobs of their starts on the running job executor and the 120 mails they queue (acknowledgement
 * and owner alert per lead) for the notification sender's threads. Every request is answered, every lead gets its
 * cycle, every mail goes out once, and nobody ever timed out waiting for a connection, because no thread holds
 * one connection while it waits for another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.hikari.maximum-pool-size=5",
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.core-pool-size=3",
    "camunda.bpm.job-execution.max-pool-size=3",
    "leadsla.mail.sender.threads=3",
    // admission is not what is tested here: let all 60 in at once, far more than connections
    "leadsla.intake.max-concurrent=60",
    "leadsla.intake.max-wait=30s",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=" + ConnectionBudgetOnPostgresTest.SMTP_PORT
})
class ConnectionBudgetOnPostgresTest {

  static final int SMTP_PORT = 3027;
  static final int LEADS = 60;
  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String DATABASE = "leadsla_budget";
  static final GreenMail SMTP = new GreenMail(new ServerSetup(SMTP_PORT, null, "smtp"));

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired MeterRegistry meters;

  @BeforeAll
  static void freshDatabase() {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      Assumptions.abort("No PostgreSQL at " + SERVER + ": " + e.getMessage());
    }
    SMTP.start();
  }

  @AfterAll
  static void stopSmtp() {
    SMTP.stop();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> SERVER + DATABASE);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
  }

  @Test
  void sixtyParallelIntakesTheirJobsAndMailsOnFiveConnectionsAllFinish() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ExecutorService clients = Executors.newFixedThreadPool(LEADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < LEADS; i++) {
      String body = "{\"name\": \"Burst %d\", \"email\": \"burst%d@example.org\", \"source\": \"demo_request\", "
          .formatted(i, i) + "\"score\": 50, \"consent\": true}";
      answers.add(clients.submit(() -> {
        go.await();
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/leads"))
            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
            .header("X-Api-Key", "demo-intake-key").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
      }));
    }
    go.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> answer : answers) {
      statuses.add(answer.get());
    }
    clients.shutdown();
    assertThat(statuses).as("every request answered").hasSize(LEADS).containsOnly(201);

    // the job executor works off 60 lead starts and the sender 120 mails, six threads on what is left of 5 connections
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      assertThat(managementService.createJobQuery().messages().count()).as("jobs left").isZero();
      assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE status = 'SENT'", Integer.class))
          .as("mails recorded as sent").isEqualTo(2 * LEADS);
    });
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_cycle WHERE ended_at IS NULL", Integer.class))
        .isEqualTo(LEADS);
    assertThat(managementService.createJobQuery().activityId(LeadCycleProcess.TASK_PREPARE_LEAD).count())
        .as("start jobs left").isZero();
    assertThat(runtimeService.createIncidentQuery().count()).as("incidents").isZero();
    assertThat(SMTP.getReceivedMessages()).as("one acknowledgement and one owner alert per lead").hasSize(2 * LEADS);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE status = 'SENT'", Integer.class))
        .isEqualTo(2 * LEADS);
    assertThat(meters.find("hikaricp.connections.timeout").counters())
        .as("the one pool is measured").hasSize(1)
        .allSatisfy(timeouts -> assertThat(timeouts.count()).as(timeouts.getId().toString()).isZero());
  }
}
