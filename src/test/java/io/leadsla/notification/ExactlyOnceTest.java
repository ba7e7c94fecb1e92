package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.LeadCycleTestSupport;
import java.time.Duration;
import java.time.Instant;
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

/**
 * A notification is queued with the step that decides it and goes out once: a step that rolls back queues
 * nothing, a step that runs again queues nothing more, senders racing for it send it once, and the claim of a
 * sender that died is taken over only once it is stale.
 */
class ExactlyOnceTest extends LeadCycleTestSupport {

  @Autowired NotificationSender sender;
  @Autowired NotificationOutbox outbox;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcTemplate jdbc;

  /** A lead accepted and waiting for its start job, which picks the owner, starts the stage and alerts the owner. */
  ProcessInstance leadBeforeItsStage() {
    return engine.getRuntimeService().createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey("L-once-" + System.nanoTime())
        .setVariables(Map.of("leadName", "Jo", "email", "jo" + System.nanoTime() + "@example.org",
            "source", "referral", "score", 50))
        .correlateStartMessage();
  }

  Job stageJob(ProcessInstance lead) {
    return LeadCycleDriver.jobsAt(engine, lead.getId(), LeadCycleProcess.TASK_PREPARE_LEAD).get(0);
  }

  /** The owner's warning for a lead of cycle 1, subject "Going cold: " and the lead's name after "L-". */
  static OutgoingMail warning(String leadId, String to) {
    return new OutgoingMail(leadId + "/1/response/WARNING/1", NotificationKind.WARNING, leadId, 1, "response", 1, to,
        "Going cold: " + leadId.substring(2), "text", "<p>html</p>");
  }

  int queued(ProcessInstance lead) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE lead_id = ?", Integer.class,
        lead.getBusinessKey());
  }

  @Test
  void aStepThatRollsBackQueuesNothingAndItsRetryQueuesTheMailOnce() {
    ProcessInstance lead = leadBeforeItsStage();
    String jobId = stageJob(lead).getId();

    // the step runs inside a transaction that fails after it (say the database commit fails)
    try {
      new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
        engine.getManagementService().executeJob(jobId);
        throw new IllegalStateException("commit failed");
      });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("commit failed");
    }
    assertThat(queued(lead)).as("nothing queued by the rolled back step").isZero();
    assertThat(driver.sendMails()).isZero();
    assertThat(driver.mails()).isEmpty();

    engine.getManagementService().executeJob(jobId);
    assertThat(queued(lead)).isEqualTo(1);
    assertThat(driver.sendMails()).isEqualTo(1);
    assertThat(driver.sendMails()).as("nothing left to send").isZero();

    assertThat(driver.mails()).hasSize(1);
    assertThat(jdbc.queryForObject("SELECT status || ' ' || attempts FROM notification WHERE lead_id = ?",
        String.class, lead.getBusinessKey())).isEqualTo("SENT 1");
  }

  @Test
  void theSameNotificationQueuedTwiceIsOneRowAndOneMail() {
    OutgoingMail mail = warning("L-twice", "sam@example.com");
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    transaction.executeWithoutResult(status -> outbox.enqueue(mail, null));
    transaction.executeWithoutResult(status -> outbox.enqueue(mail, null));
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM notification WHERE dedup_key = ?", Integer.class,
        mail.dedupKey())).isEqualTo(1);
    driver.sendMails();
    transaction.executeWithoutResult(status -> outbox.enqueue(mail, null));   // and later
    driver.sendMails();

    assertThat(driver.mails("Going cold: twice")).hasSize(1);
  }

  @Test
  void manySendersAtOnceSendTheNotificationOnce() throws Exception {
    OutgoingMail mail = warning("L-race", "sam@example.com");
    new TransactionTemplate(transactionManager).executeWithoutResult(status ->
        outbox.enqueue(mail, null));
    int senders = 8;
    CyclicBarrier start = new CyclicBarrier(senders);
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    List<Future<Integer>> runs = new ArrayList<>();
    for (int i = 0; i < senders; i++) {
      runs.add(pool.submit(() -> {
        start.await();
        return sender.sendDue();
      }));
    }
    int tried = 0;
    for (Future<Integer> run : runs) {
      tried += run.get();
    }
    pool.shutdown();

    assertThat(tried).as("claims that won").isEqualTo(1);
    assertThat(driver.mails("Going cold: race")).hasSize(1);
  }

  @Test
  void theClaimOfASenderThatDiedIsTakenOverOnceStaleWithTheSameMessageId() throws Exception {
    OutgoingMail mail = warning("L-died", "sam@example.com");
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    transaction.executeWithoutResult(status -> outbox.enqueue(mail, null));
    // a sender claims it and dies before it records anything
    Instant claimedAt = LeadCycleDriver.now();
    List<NotificationOutbox.Claimed> claimed = outbox.claimDue(10, claimedAt, Duration.ofMinutes(1));
    assertThat(claimed).hasSize(1);

    // the shipped stale claim: 3 minutes (leadsla.mail.sender.stale-claim)
    LeadCycleDriver.setClock(claimedAt.plus(Duration.ofMinutes(3)).minusSeconds(1));
    assertThat(driver.sendMails()).as("the claim is fresh: its sender may be talking to the server").isZero();
    LeadCycleDriver.setClock(claimedAt.plus(Duration.ofMinutes(3)).plusSeconds(1));
    assertThat(driver.sendMails()).isEqualTo(1);

    assertThat(driver.mails("Going cold: died")).singleElement()
        .satisfies(sent -> assertThat(sent.getMessageID()).isEqualTo(NotificationSender.messageId(mail)));
    assertThat(jdbc.queryForObject("SELECT status || ' ' || attempts FROM notification WHERE dedup_key = ?",
        String.class, mail.dedupKey())).isEqualTo("SENT 2");
  }

  @Test
  void aMailThatCannotBeSentWaitsForItsNextAttemptWhileTheOthersOfItsClaimGoOut() {
    OutgoingMail good = warning("L-mixed", "sam@example.com");
    OutgoingMail bad = warning("L-mixed", "not an address");
    Instant now = LeadCycleDriver.now();
    new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
      outbox.enqueue(good, null);
      outbox.enqueue(bad, null);
    });

    assertThat(driver.sendMails()).isEqualTo(2);

    assertThat(driver.mails("Going cold: mixed")).hasSize(1);
    assertThat(jdbc.queryForList("SELECT recipient || ' ' || status FROM notification WHERE lead_id = 'L-mixed' "
        + "ORDER BY recipient", String.class)).containsExactly("not an address PENDING", "sam@example.com SENT");
    assertThat(jdbc.queryForObject("SELECT next_attempt_at FROM notification WHERE recipient = 'not an address'",
        java.sql.Timestamp.class).toInstant()).isEqualTo(now.plus(Duration.ofMinutes(1)));
  }
}
