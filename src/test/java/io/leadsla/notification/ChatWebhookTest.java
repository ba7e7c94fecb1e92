package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.leadsla.ProcessTest;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A tier-1 lead is posted once to the chat webhook, next to the owner's alert mail; other tiers are not. The post
 * is queued with the alert and sent by the notification sender, which tries a refused one again.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-webhook;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=" + ProcessTest.SMTP_PORT
})
class ChatWebhookTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(ProcessTest.SMTP_PORT, null, "smtp"));

  static final List<String> POSTS = new CopyOnWriteArrayList<>();
  static final AtomicInteger STATUS = new AtomicInteger(200);
  static final HttpServer CHAT = chatServer();

  static HttpServer chatServer() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/hooks/sales", exchange -> {
        POSTS.add(exchange.getRequestHeaders().getFirst("Content-Type") + " "
            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(STATUS.get(), -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void webhook(DynamicPropertyRegistry registry) {
    registry.add("leadsla.notification.chat-webhook-url",
        () -> "http://127.0.0.1:" + CHAT.getAddress().getPort() + "/hooks/sales");
  }

  @AfterAll
  static void stopChat() {
    CHAT.stop(0);
  }

  @Autowired ProcessEngine engine;

  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void reset() {
    POSTS.clear();
    STATUS.set(200);
    jdbc.update("DELETE FROM notification");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  ProcessInstance lead(String source, int score) {
    ProcessInstance lead = engine.getRuntimeService().createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey("L-chat-" + System.nanoTime())
        .setVariables(Map.of("leadName", "Jo \"Quote\" Doe", "company", "Acme", "email",
            "jo" + System.nanoTime() + "@example.org", "source", source, "score", score))
        .correlateStartMessage();
    LeadCycleDriver.runStartJob(engine, lead.getId());
    return lead;
  }

  @Test
  void aHotLeadIsPostedOnceAsSlackCompatibleJson() {
    lead("demo_request", 50);

    LeadCycleDriver.sendMails(engine);
    LeadCycleDriver.sendMails(engine);

    assertThat(POSTS).hasSize(1);
    assertThat(POSTS.get(0)).startsWith("application/json {\"text\":\"Hot lead: Jo \\\"Quote\\\" Doe (Acme), "
        + "source demo_request");
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aColdLeadIsNotPosted() {
    lead("newsletter", 10);

    LeadCycleDriver.sendMails(engine);

    assertThat(POSTS).isEmpty();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aRefusedPostIsTriedAgainAMinuteLaterOnceWithoutMailingAgain() {
    ProcessInstance lead = lead("referral", 50);
    STATUS.set(503);
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
    LeadCycleDriver.setClock(now);

    LeadCycleDriver.sendMails(engine);
    assertThat(jdbc.queryForObject("SELECT last_error FROM notification WHERE lead_id = ? AND kind = 'CHAT'",
        String.class, lead.getBusinessKey())).contains("answered 503");
    assertThat(jdbc.queryForObject("SELECT next_attempt_at FROM notification WHERE lead_id = ? AND kind = 'CHAT'",
        java.sql.Timestamp.class, lead.getBusinessKey()).toInstant()).isEqualTo(now.plusSeconds(60));
    STATUS.set(200);
    ClockUtil.setCurrentTime(Date.from(now.plusSeconds(59)));
    LeadCycleDriver.sendMails(engine);
    assertThat(POSTS).as("not before its minute").hasSize(1);
    ClockUtil.setCurrentTime(Date.from(now.plusSeconds(61)));
    LeadCycleDriver.sendMails(engine);
    LeadCycleDriver.sendMails(engine);

    assertThat(POSTS).hasSize(2);   // the refused one and the accepted one
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT status || ' ' || attempts FROM notification WHERE lead_id = ? "
        + "AND kind = 'CHAT'", String.class, lead.getBusinessKey())).isEqualTo("SENT 2");
  }
}
