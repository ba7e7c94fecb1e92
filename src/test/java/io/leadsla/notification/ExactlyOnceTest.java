package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.LeadCycleTestSupport;
import io.leadsla.sla.SlaStage;
import io.leadsla.sla.SlaStageProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A notification job that runs twice, in parallel or after a rollback, still sends its mail once. */
class ExactlyOnceTest extends LeadCycleTestSupport {

  @Autowired OutboxMailer outboxMailer;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcTemplate jdbc;

  /** A lead whose alert job has not run yet. */
  ProcessInstance leadWithPendingAlert() {
    ProcessInstance lead = engine.getRuntimeService().createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey("L-once-" + System.nanoTime())
        .setVariables(Map.of("leadName", "Jo", "email", "jo" + System.nanoTime() + "@example.org",
            "source", "demo_request", "score", 50))
        .correlateStartMessage();
    driver.runStartJob(lead);
    return lead;
  }

  Job alertJob(ProcessInstance lead) {
    return LeadCycleDriver.jobsAt(engine, lead.getId(), SlaStageProcess.TASK_ALERT_OWNER).stream().findFirst()
        .orElse(null);
  }

  @Test
  void theSameAlertJobExecutedTwiceAtOnceSendsOneMail() throws Exception {
    ProcessInstance lead = leadWithPendingAlert();
    String jobId = alertJob(lead).getId();
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      runs.add(pool.submit(() -> {
        start.await();
        engine.getManagementService().executeJob(jobId);
        return null;
      }));
    }
    for (Future<?> run : runs) {
      try {
        run.get();
      } catch (Exception loser) {
        // the loser sees the row being sent (and fails the job for a retry), or the job changed under it
      }
    }
    pool.shutdown();
    assertThat(driver.mails()).hasSize(1);

    // the job executor retries whatever is left of the job: nothing more goes out, and the job completes
    Job left = alertJob(lead);
    if (left != null) {
      engine.getManagementService().executeJob(left.getId());
    }
    assertThat(alertJob(lead)).isNull();
    assertThat(driver.mails()).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT status FROM notification WHERE lead_id = ?", String.class,
        lead.getBusinessKey())).isEqualTo("SENT");
  }

  @Test
  void aRollbackAfterTheServerAcceptedTheMailDoesNotSendItAgainOnRetry() {
    ProcessInstance lead = leadWithPendingAlert();
    String jobId = alertJob(lead).getId();
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);

    // the job runs inside a transaction that fails after the mail went out (say the database commit fails)
    try {
      transaction.executeWithoutResult(status -> {
        engine.getManagementService().executeJob(jobId);
        throw new IllegalStateException("commit failed");
      });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("commit failed");
    }
    assertThat(driver.mails()).hasSize(1);
    assertThat(alertJob(lead)).as("the job rolled back and is still there").isNotNull();

    engine.getManagementService().executeJob(jobId);

    assertThat(driver.mails()).hasSize(1);
    assertThat(alertJob(lead)).isNull();
  }

  @Test
  void manyWorkersDeliveringTheSameNotificationSendOneMail() throws Exception {
    OutgoingMail mail = new OutgoingMail("L-race/1/response/WARNING/1", NotificationKind.WARNING, "L-race", 1,
        "response", 1, "sam@example.com", "Going cold: race", "text", "<p>html</p>");
    int workers = 8;
    CyclicBarrier start = new CyclicBarrier(workers);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      runs.add(pool.submit(() -> {
        start.await();
        outboxMailer.deliver(mail);
        return null;
      }));
    }
    for (Future<?> run : runs) {
      try {
        run.get();
      } catch (Exception busy) {
        assertThat(busy).hasMessageContaining("is being sent by another worker");
      }
    }
    pool.shutdown();
    outboxMailer.deliver(mail);   // and a late retry

    assertThat(driver.mails("Going cold: race")).hasSize(1);
  }
}
