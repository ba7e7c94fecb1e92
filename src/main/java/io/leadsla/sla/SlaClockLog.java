package io.leadsla.sla;

import io.leadsla.TransactionMemo;
import io.leadsla.lead.CycleEvents;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import io.leadsla.routing.LeadReassigned;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code sla_clock} table: one row per run of a stage clock, written in the engine's transaction. A run keeps
 * its policy and deadlines, which the stage's timers and steps read through {@link StageClock}.
 */
@Repository
public class SlaClockLog {

  /**
   * A run that missed its SLA, as an SQL condition on {@code sla_clock} with the parameter {@code :now}: its
   * deadline has passed unmet (still running, or ended after it); a paused run is not judged.
   */
  public static final String MISSED = "(paused = FALSE AND deadline <= :now AND (ended_at IS NULL OR ended_at > deadline))";

  /**
   * One run of a stage's clock. {@code reassignments} counts this stage's reassignments so far; the deadlines
   * after {@code deadline} and the policy are empty on runs started before they were kept here.
   */
  public record ClockRun(String leadId, int cycle, String stage, int round, String owner, String ownerGroup,
      Instant startedAt, Instant deadline, Instant warningAt, Instant breachAt, Instant executiveAt,
      Instant expiresAt, boolean extended, int reassignments, StagePolicy policy) {

    /** A run as the reports see it: who, when, until when. */
    public ClockRun(String leadId, int cycle, String stage, int round, String owner, String ownerGroup,
        Instant startedAt, Instant deadline) {
      this(leadId, cycle, stage, round, owner, ownerGroup, startedAt, deadline, null, null, null, null, false, 0,
          null);
    }
  }

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;
  private final TransactionMemo<String, Optional<ClockRun>> read = new TransactionMemo<>();

  SlaClockLog(JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** A new run of the stage's clock; an earlier run of the same stage (reassigned, extended) ends now. */
  public void started(ClockRun run) {
    ended(run.leadId(), run.cycle(), run.stage(), run.startedAt());
    read.forget();
    jdbc.update("INSERT INTO sla_clock (lead_id, cycle, stage, clock_round, owner, owner_group, started_at, deadline, "
            + "warning_at, breach_at, executive_at, expires_at, extended, reassignments, policy) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        run.leadId(), run.cycle(), run.stage(), run.round(), run.owner(), run.ownerGroup(),
        Timestamp.from(run.startedAt()), Timestamp.from(run.deadline()), timestamp(run.warningAt()),
        timestamp(run.breachAt()), timestamp(run.executiveAt()), timestamp(run.expiresAt()), run.extended(),
        run.reassignments(), run.policy() == null ? null : run.policy().toText());
    read.remember(key(run.leadId(), run.cycle(), run.stage()), Optional.of(run));
    events.publishEvent(new CycleEvents.ClockStarted(run.leadId(), run.cycle(), run.stage(), run.round(),
        run.ownerGroup(), run.owner(), run.startedAt(), run.deadline()));
  }

  /** The lead asked to wait: this run of the clock ends as paused (not judged met or missed), the pause is kept. */
  public void paused(String leadId, int cycle, String stage, int round, String owner, String ownerGroup, Instant at,
      Instant resumesAt, String reason) {
    // the stage sub-process has ended by now (its end listener set ended_at); this run counts as paused
    read.forget();
    jdbc.update("UPDATE sla_clock SET ended_at = COALESCE(ended_at, ?), paused = TRUE, running = FALSE WHERE lead_id = ? AND cycle = ? "
        + "AND stage = ? AND clock_round = ?", Timestamp.from(at), leadId, cycle, stage, round);
    jdbc.update("INSERT INTO sla_pause (lead_id, cycle, stage, owner, owner_group, paused_at, resumes_at, reason) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        leadId, cycle, stage, owner, ownerGroup, Timestamp.from(at), Timestamp.from(resumesAt), reason);
  }

  /** Executives were told that this run of the clock was missed; a retry keeps the first time. */
  public void escalated(String leadId, int cycle, String stage, int round, Instant at) {
    read.forget();
    jdbc.update("UPDATE sla_clock SET escalated_at = COALESCE(escalated_at, ?) WHERE lead_id = ? AND cycle = ? "
        + "AND stage = ? AND clock_round = ?", Timestamp.from(at), leadId, cycle, stage, round);
  }

  public void ended(String leadId, int cycle, String stage, Instant at) {
    read.forget();
    jdbc.update("UPDATE sla_clock SET ended_at = ?, running = FALSE WHERE lead_id = ? AND cycle = ? AND stage = ? "
        + "AND running = TRUE",
        Timestamp.from(at), leadId, cycle, stage);
  }

  /** The running clocks of one stage: how many, and when the oldest started. */
  public record Running(long count, Instant oldestStart) {}

  /** Running clocks per stage. */
  public java.util.Map<String, Running> runningByStage() {
    java.util.Map<String, Running> running = new java.util.HashMap<>();
    jdbc.query("SELECT stage, COUNT(*) AS n, MIN(started_at) AS oldest FROM sla_clock WHERE running = TRUE "
        + "GROUP BY stage", rs -> {
          running.put(rs.getString("stage"), new Running(rs.getLong("n"), instant(rs, "oldest")));
        });
    return running;
  }

  /** The stage's latest run of its clock in this cycle, running or not; read once per transaction. */
  public Optional<ClockRun> latest(String leadId, int cycle, String stage) {
    return read.get(key(leadId, cycle, stage), () -> jdbc.query("SELECT clock_round, owner, owner_group, "
            + "started_at, deadline, warning_at, breach_at, executive_at, expires_at, extended, reassignments, policy "
            + "FROM sla_clock WHERE lead_id = ? AND cycle = ? AND stage = ? ORDER BY clock_round DESC "
            + "FETCH FIRST 1 ROWS ONLY",
        (rs, row) -> run(rs, leadId, cycle, stage), leadId, cycle, stage).stream().findFirst());
  }

  private static String key(String leadId, int cycle, String stage) {
    return leadId + "/" + cycle + "/" + stage;
  }

  /** The lead got another owner in this stage: its latest run counts one more reassignment. */
  @EventListener
  public void reassigned(LeadReassigned reassigned) {
    String leadId = reassigned.leadId();
    int cycle = reassigned.cycle();
    String stage = reassigned.stage();
    read.forget();
    jdbc.update("UPDATE sla_clock SET reassignments = reassignments + 1 WHERE lead_id = ? AND cycle = ? AND stage = ? "
        + "AND clock_round = (SELECT MAX(clock_round) FROM sla_clock WHERE lead_id = ? AND cycle = ? AND stage = ?)",
        leadId, cycle, stage, leadId, cycle, stage);
  }

  private static ClockRun run(ResultSet rs, String leadId, int cycle, String stage) throws SQLException {
    String policy = rs.getString("policy");
    return new ClockRun(leadId, cycle, stage, rs.getInt("clock_round"), rs.getString("owner"),
        rs.getString("owner_group"), instant(rs, "started_at"), instant(rs, "deadline"), instant(rs, "warning_at"),
        instant(rs, "breach_at"), instant(rs, "executive_at"), instant(rs, "expires_at"), rs.getBoolean("extended"),
        rs.getInt("reassignments"), policy == null ? null : StagePolicy.fromText(SlaStage.of(stage), policy));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
