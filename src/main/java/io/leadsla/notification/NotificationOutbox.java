package io.leadsla.notification;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code notification} table, and the claim that makes a mail go out once. Every state change commits on its
 * own, before and right after talking to the SMTP server: if the job that sends the mail rolls back afterwards (or
 * runs again, or runs on two nodes at once), the row still says SENT or SENDING and the mail is not sent again.
 *
 * <p>That needs a commit independent of the job's transaction, so this class, and only this class, writes
 * {@code notification} through a small pool of its own ({@code outbox}) in auto-commit, one statement at a
 * time. A job thread holding an engine connection may wait for an outbox connection; it cannot deadlock, and
 * cannot starve the engine's pool:
 * <ul>
 *   <li>an outbox connection is held for one auto-commit statement and its holder asks for no other connection
 *       meanwhile, so it comes back within one statement's time, whatever the engine's pool is doing;</li>
 *   <li>that statement can only wait for row locks on {@code notification}, which only outbox statements take
 *       (no engine transaction writes the table), and those are single statements that never wait on anything
 *       else;</li>
 *   <li>so no cycle "holds engine connection, waits for outbox" / "holds outbox, waits for engine" can form.</li>
 * </ul>
 * {@code ConnectionBudgetTest} holds it to that under more mail jobs and requests than connections.
 */
@Repository
class NotificationOutbox {

  enum Status { SENDING, SENT, FAILED }

  /** What the caller may do after a claim. */
  enum Claim {
    /** Send it now: this caller owns the row. */
    CLAIMED,
    /** It went out before: do nothing. */
    ALREADY_SENT,
    /** Another worker is sending it at this moment: try again later. */
    BUSY
  }

  /**
   * A claim older than this is taken to be from a worker that died while sending; the mail is sent again (with
   * the same Message-ID). Longer than one SMTP conversation takes with the configured timeouts (5 s to connect,
   * 10 s per read or write), and shorter than the job lock time (2 minutes): when another node takes over the
   * job of a dead one, the claim is already stale and the mail goes out on that first try.
   */
  static final Duration STALE_CLAIM = Duration.ofMinutes(1);


  private final HikariDataSource pool;
  private final JdbcTemplate jdbc;

  NotificationOutbox(DataSourceProperties database, MeterRegistry meters, CamundaBpmProperties engine) {
    pool = database.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    pool.setPoolName("outbox");
    pool.setMetricRegistry(meters);   // hikaricp_connections_* with pool="outbox", beside the engine's pool
    // One per job thread, the only threads that send mail: with two, job threads queued for them and a burst's
    // mails went out at 18 leads/s instead of 29 (DrainBenchmark).
    pool.setMaximumPoolSize(engine.getJobExecution().getMaxPoolSize());
    pool.setMinimumIdle(1);
    pool.setAutoCommit(true);
    pool.setConnectionTimeout(10_000);
    this.jdbc = new JdbcTemplate(pool);
  }

  @PreDestroy
  void close() {
    pool.close();
  }

  Claim claim(OutgoingMail mail, Instant now) {
    try {
      jdbc.update(
          "INSERT INTO notification (dedup_key, recipient, kind, lead_id, cycle, stage, clock_round, subject, status, "
              + "attempts, created_at, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
          mail.dedupKey(), mail.to(), mail.kind().name(), mail.leadId(), mail.cycle(), mail.stage(), mail.round(),
          MailText.oneLine(mail.subject(), 300), Status.SENDING.name(), Timestamp.from(now), Timestamp.from(now));
      return Claim.CLAIMED;
    } catch (DuplicateKeyException known) {
      // the notification was claimed before: sent, failed, or being sent right now
    }
    int reclaimed = jdbc.update(
        "UPDATE notification SET status = ?, attempts = attempts + 1, claimed_at = ? WHERE dedup_key = ? "
            + "AND recipient = ? AND (status = ? OR (status = ? AND claimed_at < ?))",
        Status.SENDING.name(), Timestamp.from(now), mail.dedupKey(), mail.to(), Status.FAILED.name(),
        Status.SENDING.name(), Timestamp.from(now.minus(STALE_CLAIM)));
    if (reclaimed == 1) {
      return Claim.CLAIMED;
    }
    return status(mail).equals(Status.SENT.name()) ? Claim.ALREADY_SENT : Claim.BUSY;
  }

  void sent(OutgoingMail mail, Instant now) {
    jdbc.update(
        "UPDATE notification SET status = ?, sent_at = ?, last_error = NULL WHERE dedup_key = ? AND recipient = ?",
        Status.SENT.name(), Timestamp.from(now), mail.dedupKey(), mail.to());
  }

  void failed(OutgoingMail mail, String error) {
    jdbc.update(
        "UPDATE notification SET status = ?, last_error = ? WHERE dedup_key = ? AND recipient = ?",
        Status.FAILED.name(), MailText.oneLine(error, 1000), mail.dedupKey(), mail.to());
  }

  boolean sent(String dedupKey, String recipient) {
    return status(dedupKey, recipient).equals(Status.SENT.name());
  }

  private String status(OutgoingMail mail) {
    return status(mail.dedupKey(), mail.to());
  }

  private String status(String dedupKey, String recipient) {
    List<String> status = jdbc.queryForList("SELECT status FROM notification WHERE dedup_key = ? AND recipient = ?",
        String.class, dedupKey, recipient);
    return status.isEmpty() ? "" : status.get(0);
  }
}
