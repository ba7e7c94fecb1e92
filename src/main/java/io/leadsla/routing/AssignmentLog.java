package io.leadsla.routing;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code lead_assignment} table: every pick of an owner (or of the team queue), written in the engine's transaction. */
@Repository
class AssignmentLog {

  private final JdbcTemplate jdbc;

  AssignmentLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The lead went to {@code toOwner} in {@code team}; no owner means the team queue. */
  void record(Assignment assignment, String team, String toOwner, String reason, Instant at) {
    jdbc.update("INSERT INTO lead_assignment (lead_id, cycle, stage, team, from_owner, to_owner, reason, assigned_at, "
            + "kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        assignment.leadId(), assignment.cycle(), assignment.stage(), team, assignment.fromOwner(), toOwner, reason,
        Timestamp.from(at), assignment.kind().column());
  }
}
