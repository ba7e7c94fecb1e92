package io.leadsla.notification;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static io.leadsla.sla.LeadCycleDriver.setClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.ProcessTest;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.SlaStage;
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
 * With the mail server down, SLA timers still fire; each mail retries with backoff (1, 5, 15 minutes), ends as an
 * incident, and after the operator's retry goes out exactly once per notification and recipient.
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
  void mailsRetryWithBackoffBecomeIncidentsAndGoOutOncePerKeyAfterTheRetry() {
    // SMTP is down: the lead still gets its owner and its clock, only the mails wait
    ProcessInstance lead = engine.getRuntimeService().createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey("L-smtp-outage")
        .setVariables(Map.of("leadName", "Jo", "email", "jo@example.org", "source", "demo_request", "score", 50))
        .correlateStartMessage();
    driver.runStartJob(lead);
    String owner = engine.getRuntimeService().getVariable(lead.getId(), "owner") + "@example.com";
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getDueDate()).isNotNull();

    // the warning and breach timers fire on time although no mail can go out
    Instant deadline = T0.plus(Duration.ofMinutes(5));
    fireTimer(lead, SlaStageProcess.WARNING_TIMER);
    fireTimer(lead, SlaStageProcess.BREACH_TIMER);
    assertThat(driver.task(lead, SlaStageProcess.TASK_INTERVENE)).isNotNull();

    String stage = driver.stageInstance(lead).getId();
    String alertJob = managementService.createJobQuery().processInstanceId(stage)
        .activityId(SlaStageProcess.TASK_ALERT_OWNER).singleResult().getId();
    List<Duration> backoff = new ArrayList<>();
    Job failing;
    while ((failing = nextFailingMailJob(lead)) != null) {
      Instant before = LeadCycleDriver.now();
      try {
        managementService.executeJob(failing.getId());
      } catch (RuntimeException expected) {
        assertThat(expected).hasMessageContaining("Mail server connection failed");
      }
      Job retried = managementService.createJobQuery().jobId(failing.getId()).singleResult();
      if (retried.getRetries() > 0 && failing.getId().equals(alertJob)) {
        backoff.add(Duration.between(before, retried.getDuedate().toInstant()));
      }
      setClock(before.plusSeconds(1));
    }
    assertThat(backoff).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15));

    List<Incident> incidents = engine.getRuntimeService().createIncidentQuery().processInstanceId(stage).list();
    assertThat(incidents).extracting(Incident::getActivityId).containsExactlyInAnyOrder(
        SlaStageProcess.TASK_ALERT_OWNER, SlaStageProcess.TASK_SEND_WARNING, SlaStageProcess.TASK_SEND_BREACH);
    assertThat(incidents).allSatisfy(incident ->
        assertThat(incident.getIncidentMessage()).contains("Mail server connection failed"));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE lead_id = 'L-smtp-outage' "
        + "AND status = 'FAILED'", Integer.class)).isEqualTo(4);   // alert, warning, breach to owner and manager

    // the operator starts the mail server again and retries the jobs in Cockpit
    smtp.start();
    for (Incident incident : incidents) {
      managementService.setJobRetries(incident.getConfiguration(), 1);
    }
    setClock(LeadCycleDriver.now().plus(Duration.ofMinutes(30)));
    driver.runAsyncJobs(lead);
    driver.runAsyncJobs(lead);   // a second pass finds nothing left to send

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
        .as("the incidents the stage's failed jobs raised on its call activity are resolved too").isZero();
  }

  private void fireTimer(ProcessInstance lead, String activityId) {
    Job timer = driver.timer(lead, activityId);
    setClock(timer.getDuedate().toInstant());
    managementService.executeJob(timer.getId());
  }

  /** The due mail job with retries left, earliest first, if any. */
  private Job nextFailingMailJob(ProcessInstance lead) {
    return driver.family(lead).stream().flatMap(id -> managementService.createJobQuery().processInstanceId(id)
            .messages().withRetriesLeft().list().stream())
        .sorted(java.util.Comparator.comparing(Job::getDuedate)).findFirst()
        .map(job -> {
          if (job.getDuedate() != null && job.getDuedate().toInstant().isAfter(LeadCycleDriver.now())) {
            setClock(job.getDuedate().toInstant());
          }
          return job;
        })
        .orElse(null);
  }
}
