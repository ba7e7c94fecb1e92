package io.leadsla.notification;

import io.leadsla.DatabaseKind;
import io.leadsla.InsertIfAbsent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code notification} table, its one writer. A notification is written here in the transaction that
 * decides it (a stage starts, a timer fires, the morning report is due), whole (recipient, subject and bodies),
 * and committed or rolled back with it; {@link NotificationSender} sends it after the commit. The unique key
 * (notification, recipient) makes a step that runs twice (a job retried after a rollback, two nodes) queue it
 * once.
 *
 * <p>Every statement here runs on the caller's connection: the queueing in the caller's transaction, the
 * sender's claim and the outcome of a send as single auto-commit statements on a thread that holds no other
 * connection (H2's claim: a short transaction). Nothing asks the pool for a second connection while it holds one.
 */
@Repository
public class NotificationOutbox {

  enum Status {
    /** Waiting for its (next) attempt at {@code next_attempt_at}. */
    PENDING,
    /** Claimed by a sender that is talking to the server now (or died doing so: stale after a while). */
    SENDING,
    SENT,
    /** Its automatic attempts failed: an incident shows it, and it is tried again every hour until it goes out. */
    FAILED
  }

  /** A notification claimed for sending. */
  record Claimed(long id, String dedupKey, String recipient, NotificationKind kind, String subject, String text,
      String html, int attempts, String processInstanceId, String incidentId, Instant claimedAt) {

    OutgoingMail mail() {
      return new OutgoingMail(dedupKey, kind, null, null, null, null, recipient, subject, text, html);
    }
  }

  private static final String COLUMNS = "id, dedup_key, recipient, kind, subject, body_text, body_html, attempts, "
      + "process_instance_id, incident_id, claimed_at";
  /** Due: its next attempt has come, or its sender died while sending (the claim is stale). */
  private static final String DUE = "body_text IS NOT NULL AND ((status IN (?, ?) AND next_attempt_at <= ?) "
      + "OR (status = ? AND claimed_at < ?))";

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;
  private final TransactionTemplate ownTransaction;
  private final boolean postgres;

  NotificationOutbox(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.postgres = DatabaseKind.isPostgres(jdbc.getDataSource());
  }

  /**
   * Queues the mail in the caller's transaction, to go out after it commits; {@code processInstanceId} is where
   * Cockpit shows an incident if it cannot be sent. A notification queued before (this step ran before) is left
   * as it is.
   */
  public void enqueue(OutgoingMail mail, String processInstanceId) {
    Timestamp at = Timestamp.from(ClockUtil.getCurrentTime().toInstant());
    String subject = MailText.oneLine(mail.subject(), 300);
    boolean queued = insertIfAbsent.insert("INSERT INTO notification (dedup_key, recipient, kind, lead_id, cycle, "
            + "stage, clock_round, subject, body_text, body_html, status, attempts, created_at, next_attempt_at, "
            + "process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
        mail.dedupKey(), mail.to(), mail.kind().name(), mail.leadId(), mail.cycle(), mail.stage(), mail.round(),
        subject, mail.text(), mail.html(), Status.PENDING.name(), at, at,
        processInstanceId);
    if (!queued) {
      // a row of the version that sent from jobs, which failed and whose job now queues it: give it its message
      jdbc.update("UPDATE notification SET status = ?, subject = ?, body_text = ?, body_html = ?, next_attempt_at = ?, "
              + "process_instance_id = ? WHERE dedup_key = ? AND recipient = ? AND body_text IS NULL AND status <> ?",
          Status.PENDING.name(), subject, mail.text(), mail.html(), at,
          processInstanceId, mail.dedupKey(), mail.to(), Status.SENT.name());
    }
  }

  /** Whether this notification is queued, being sent or sent for this recipient. */
  public boolean queued(String dedupKey, String recipient) {
    return !jdbc.queryForList("SELECT status FROM notification WHERE dedup_key = ? AND recipient = ?", String.class,
        dedupKey, recipient).isEmpty();
  }

  /**
   * Takes up to {@code limit} notifications that are due, or whose sender died while sending them
   * ({@code staleClaim} ago), and marks them SENDING, committed before the caller sends anything. Call it holding
   * no connection: PostgreSQL claims in one statement (skipping rows another sender holds), H2 in a short
   * transaction of its own.
   */
  List<Claimed> claimDue(int limit, Instant now, Duration staleClaim) {
    Object[] due = {Status.PENDING.name(), Status.FAILED.name(), Timestamp.from(now), Status.SENDING.name(),
        Timestamp.from(now.minus(staleClaim))};
    String dueRows = "SELECT id FROM notification WHERE " + DUE + " ORDER BY next_attempt_at FETCH FIRST " + limit
        + " ROWS ONLY FOR UPDATE";
    String claim = "UPDATE notification SET status = ?, claimed_at = ?, attempts = attempts + 1 WHERE id ";
    if (postgres) {
      Object[] args = new Object[2 + due.length];
      args[0] = Status.SENDING.name();
      args[1] = Timestamp.from(now);
      System.arraycopy(due, 0, args, 2, due.length);
      return jdbc.query(claim + "IN (" + dueRows + " SKIP LOCKED) RETURNING " + COLUMNS, NotificationOutbox::claimed,
          args);
    }
    return ownTransaction.execute(status -> {
      List<Long> ids = jdbc.queryForList(dueRows, Long.class, due);
      // the status check again: H2 cannot skip a locked row, so a second sender waited for this one's claim
      List<Long> taken = ids.stream().filter(id -> jdbc.update(claim + "= ? AND " + DUE, Status.SENDING.name(),
          Timestamp.from(now), id, due[0], due[1], due[2], due[3], due[4]) == 1).toList();
      return taken.stream().map(id -> jdbc.queryForObject("SELECT " + COLUMNS + " FROM notification WHERE id = ?",
          NotificationOutbox::claimed, id)).toList();
    });
  }

  /**
   * What went out, of one claim. Like every outcome, it is written only while the claim is still this sender's
   * (status and claim time unchanged): a claim another node took over as stale is that node's to finish.
   */
  void sent(List<Claimed> sent, Instant now) {
    if (sent.isEmpty()) {
      return;
    }
    List<Object> args = new ArrayList<>(List.of(Status.SENT.name(), Timestamp.from(now),
        Status.SENDING.name(), Timestamp.from(sent.get(0).claimedAt())));
    sent.forEach(claimed -> args.add(claimed.id()));
    jdbc.update("UPDATE notification SET status = ?, sent_at = ?, last_error = NULL, incident_id = NULL "
        + "WHERE status = ? AND claimed_at = ? AND id IN ("
        + String.join(", ", Collections.nCopies(sent.size(), "?")) + ")", args.toArray());
  }

  /**
   * Back to the queue, due again at {@code next}; FAILED once the automatic attempts are spent. False if the claim
   * is no longer this sender's.
   */
  boolean retryAt(Claimed claimed, Status status, Instant next, String error, String incidentId) {
    return 1 == jdbc.update("UPDATE notification SET status = ?, next_attempt_at = ?, last_error = ?, incident_id = ? "
            + "WHERE id = ? AND status = ? AND claimed_at = ?", status.name(), Timestamp.from(next),
        MailText.oneLine(error, 1000), incidentId, claimed.id(), Status.SENDING.name(),
        Timestamp.from(claimed.claimedAt()));
  }

  private static Claimed claimed(ResultSet rs, int row) throws SQLException {
    return new Claimed(rs.getLong("id"), rs.getString("dedup_key"), rs.getString("recipient"),
        NotificationKind.valueOf(rs.getString("kind")), rs.getString("subject"), rs.getString("body_text"),
        rs.getString("body_html"), rs.getInt("attempts"), rs.getString("process_instance_id"),
        rs.getString("incident_id"), rs.getTimestamp("claimed_at").toInstant());
  }
}
