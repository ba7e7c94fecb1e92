package io.leadsla.notification;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static io.leadsla.sla.LeadCycleDriver.setClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.ProcessTest;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.SlaStage;
import java.time.Duration;
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

/** With the mail server down, a mail retries, ends as an incident, and goes out once after the operator's retry. */
@ProcessTest
class SmtpOutageTest {

  @Autowired ProcessEngine engine;
  @Autowired ManagementService managementService;
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
  void aFailingAlertRetriesBecomesAnIncidentAndIsSentOnceAfterTheRetry() {
    // SMTP is down: the lead still gets its owner and its clock, only the alert waits
    ProcessInstance lead = engine.getRuntimeService().createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey("L-smtp-outage")
        .setVariables(Map.of("leadName", "Jo", "email", "jo@example.org", "source", "demo_request", "score", 50))
        .correlateStartMessage();
    String alertActivity = LeadCycleProcess.alertTask(SlaStage.RESPONSE);
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getDueDate()).isNotNull();

    int failures = 0;
    Job alert;
    while ((alert = alertJob(lead, alertActivity)).getRetries() > 0) {
      String jobId = alert.getId();
      assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("Mail server connection failed");
      failures++;
      Job retried = alertJob(lead, alertActivity);
      if (retried.getRetries() > 0) {
        // the retry cycle (R3/PT1M) waits a minute before the next attempt
        assertThat(retried.getDuedate().toInstant()).isEqualTo(LeadCycleDriver.now().plus(Duration.ofMinutes(1)));
        setClock(retried.getDuedate().toInstant());
      }
    }

    assertThat(failures).isEqualTo(3);
    Incident incident = engine.getRuntimeService().createIncidentQuery().processInstanceId(lead.getId()).singleResult();
    assertThat(incident.getActivityId()).isEqualTo(alertActivity);
    assertThat(incident.getIncidentMessage()).contains("Mail server connection failed");
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD)).isNotNull();

    // the operator starts the mail server again and retries the job in Cockpit
    smtp.start();
    managementService.setJobRetries(alert.getId(), 1);
    setClock(LeadCycleDriver.now().plus(Duration.ofMinutes(5)));
    driver.runAsyncJobs(lead);

    assertThat(driver.mails()).hasSize(1);
    assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(lead.getId()).count()).isZero();
  }

  private Job alertJob(ProcessInstance lead, String activityId) {
    return managementService.createJobQuery().processInstanceId(lead.getId()).activityId(activityId).singleResult();
  }
}
