package io.leadsla.notification;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static io.leadsla.sla.LeadCycleDriver.setClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.ProcessTest;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.SlaStageProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With the mail server down, SLA timers still fire; each mail is tried again after 1, 5 and 15 minutes, then
 * becomes an incident in Cockpit and is tried every hour; once the server is back it goes out exactly once per
 * notification and recipient, and its incident is resolved.
 */
@ProcessTest
class SmtpOutageTest {

  @Autowired ProcessEngine engine;
  @Autowired ManagementService managementService;
  @Autowired JdbcTemplate jdbc;
  GreenMail smtp = new GreenMail(new ServerSetup(ProcessTest.SMTP_PORT, null, "smtp"));
  LeadCycleDriver driver;

  @BeforeEach
  void start() {
    driver = new LeadCycleDriver(engine, smtp);
    setClock(T0);
  }

  @AfterEach
  void stop() {
    smtp.stop();
    ClockUtil.reset();
  }

  @Test
  void mailsRetryWithBackoffBecomeIncidentsAndGoOutOncePerRecipientWhenTheServerIsBack() {
    // SMTP is down: the lead still gets its owner and its clock, only the mails wait
    ProcessInstance lead = engine.getRuntimeService().createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey("L-smtp-outage")
        .setVariables(Map.of("leadName", "Jo", "email", "jo@example.org", "source", "demo_request", "score", 50))
        .correlateStartMessage();
    driver.runStartJob(lead);
    String owner = engine.getRuntimeService().getVariable(lead.getId(), "owner") + "@example.com";
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getDueDate()).isNotNull();

    // the warning and breach timers fire on time although no mail can go out
    fireTimer(lead, SlaStageProcess.WARNING_TIMER);
    fireTimer(lead, SlaStageProcess.BREACH_TIMER);
    assertThat(driver.task(lead, SlaStageProcess.TASK_INTERVENE)).isNotNull();

    // each attempt fails; the next one is 1, 5, then 15 minutes later; after the fourth, an incident
    List<Duration> backoff = new ArrayList<>();
    for (int attempt = 1; attempt <= 4; attempt++) {
      Instant before = LeadCycleDriver.now();
      assertThat(driver.sendMails()).as("attempt %d", attempt).isEqualTo(4);
      assertThat(driver.sendMails()).as("nothing is due again at once").isZero();
      Instant next = nextAttempt("L-smtp-outage/1/response/ALERT/1");
      backoff.add(Duration.between(before, next));
      setClock(next);
    }
    assertThat(backoff).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
        Duration.ofHours(1));

    String stage = driver.stageInstance(lead).getId();
    List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().processInstanceId(stage)
        .incidentType(NotificationIncidents.TYPE).list();
    assertThat(incidents).as("alert, warning, breach to owner and to manager").hasSize(4)
        .allSatisfy(incident -> assertThat(incident.getIncidentMessage()).contains("Mail server connection failed"));
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(lead.getId()).count())
        .as("Cockpit shows them on the lead's call activity too").isEqualTo(4);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE lead_id = 'L-smtp-outage' "
        + "AND status = 'FAILED'", Integer.class)).isEqualTo(4);

    // the mail server is back: the hourly attempt sends each mail once and resolves the incidents
    smtp.start();
    driver.sendMails();
    driver.sendMails();

    assertThat(driver.mails()).hasSize(4);
    assertThat(jdbc.queryForList("SELECT dedup_key || ' ' || recipient || ' ' || status || ' ' || attempts "
        + "FROM notification WHERE lead_id = 'L-smtp-outage' ORDER BY dedup_key, recipient", String.class))
        .containsExactly(
            "L-smtp-outage/1/response/ALERT/1 " + owner + " SENT 5",
            "L-smtp-outage/1/response/BREACH/1 maria@example.com SENT 5",
            "L-smtp-outage/1/response/BREACH/1 " + owner + " SENT 5",
            "L-smtp-outage/1/response/WARNING/1 " + owner + " SENT 5");
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(stage).count()).isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(lead.getId()).count())
        .as("the incidents on its call activity are resolved too").isZero();
  }

  private Instant nextAttempt(String dedupKey) {
    return jdbc.queryForObject("SELECT next_attempt_at FROM notification WHERE dedup_key = ?",
        java.sql.Timestamp.class, dedupKey).toInstant();
  }

  private void fireTimer(ProcessInstance lead, String activityId) {
    Job timer = driver.timer(lead, activityId);
    setClock(timer.getDuedate().toInstant());
    managementService.executeJob(timer.getId());
  }
}
