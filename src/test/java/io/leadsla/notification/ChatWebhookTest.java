package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.leadsla.ProcessTest;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.SlaStage;
import io.leadsla.sla.SlaStageProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A tier-1 lead is posted once to the chat webhook, next to the owner's alert mail; other tiers are not. */
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

  @BeforeEach
  void reset() {
    POSTS.clear();
    STATUS.set(200);
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

  Job alertJob(ProcessInstance lead) {
    return LeadCycleDriver.jobsAt(engine, lead.getId(), SlaStageProcess.TASK_ALERT_OWNER).stream().findFirst()
        .orElse(null);
  }

  @Test
  void aHotLeadIsPostedOnceAsSlackCompatibleJson() {
    ProcessInstance lead = lead("demo_request", 50);

    engine.getManagementService().executeJob(alertJob(lead).getId());

    assertThat(POSTS).hasSize(1);
    assertThat(POSTS.get(0)).startsWith("application/json {\"text\":\"Hot lead: Jo \\\"Quote\\\" Doe (Acme), "
        + "source demo_request");
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aColdLeadIsNotPosted() {
    ProcessInstance lead = lead("newsletter", 10);

    engine.getManagementService().executeJob(alertJob(lead).getId());

    assertThat(POSTS).isEmpty();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void aFailingWebhookFailsTheJobAndTheRetryPostsOnceWithoutMailingAgain() {
    ProcessInstance lead = lead("referral", 50);
    STATUS.set(503);

    String jobId = alertJob(lead).getId();
    assertThatThrownBy(() -> engine.getManagementService().executeJob(jobId)).hasMessageContaining("answered 503");
    STATUS.set(200);
    engine.getManagementService().executeJob(jobId);

    assertThat(POSTS).hasSize(2);   // the refused one and the accepted one
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(alertJob(lead)).isNull();
  }
}
