package io.leadsla.sla;

import io.leadsla.lead.CycleFacts;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code sla_clock} table: one row per run of a stage clock, written in the engine's transaction. */
@Repository
public class SlaClockLog {

  public record ClockRun(String leadId, int cycle, String stage, int round, String owner, String ownerGroup,
      Instant startedAt, Instant deadline) {}

  private final JdbcTemplate jdbc;
  private final CycleFacts facts;

  SlaClockLog(JdbcTemplate jdbc, CycleFacts facts) {
    this.jdbc = jdbc;
    this.facts = facts;
  }

  /** A new run of the stage's clock; an earlier run of the same stage (reassigned, extended) ends now. */
  public void started(ClockRun run) {
    ended(run.leadId(), run.cycle(), run.stage(), run.startedAt());
    jdbc.update("INSERT INTO sla_clock (lead_id, cycle, stage, clock_round, owner, owner_group, started_at, deadline) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        run.leadId(), run.cycle(), run.stage(), run.round(), run.owner(), run.ownerGroup(),
        Timestamp.from(run.startedAt()), Timestamp.from(run.deadline()));
    if (run.stage().equals(SlaStage.RESPONSE.key()) && run.round() == 1) {
      facts.responseClockStarted(run.leadId(), run.cycle(), run.ownerGroup(), run.owner(), run.deadline());
    } else if (run.stage().equals(SlaStage.HANDOFF.key())) {
      facts.handedOff(run.leadId(), run.cycle(), run.startedAt());
    }
  }

  /** The lead asked to wait: this run of the clock ends as paused (not judged met or missed), the pause is kept. */
  public void paused(String leadId, int cycle, String stage, int round, String owner, String ownerGroup, Instant at,
      Instant resumesAt, String reason) {
    // the stage sub-process has ended by now (its end listener set ended_at); this run counts as paused
    jdbc.update("UPDATE sla_clock SET ended_at = COALESCE(ended_at, ?), paused = TRUE, running = FALSE WHERE lead_id = ? AND cycle = ? "
        + "AND stage = ? AND clock_round = ?", Timestamp.from(at), leadId, cycle, stage, round);
    jdbc.update("INSERT INTO sla_pause (lead_id, cycle, stage, owner, owner_group, paused_at, resumes_at, reason) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        leadId, cycle, stage, owner, ownerGroup, Timestamp.from(at), Timestamp.from(resumesAt), reason);
  }

  /** Executives were told that this run of the clock was missed; a retry keeps the first time. */
  public void escalated(String leadId, int cycle, String stage, int round, Instant at) {
    jdbc.update("UPDATE sla_clock SET escalated_at = COALESCE(escalated_at, ?) WHERE lead_id = ? AND cycle = ? "
        + "AND stage = ? AND clock_round = ?", Timestamp.from(at), leadId, cycle, stage, round);
  }

  public void ended(String leadId, int cycle, String stage, Instant at) {
    jdbc.update("UPDATE sla_clock SET ended_at = ?, running = FALSE WHERE lead_id = ? AND cycle = ? AND stage = ? "
        + "AND running = TRUE",
        Timestamp.from(at), leadId, cycle, stage);
  }
}
