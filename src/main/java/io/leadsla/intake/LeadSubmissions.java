package io.leadsla.intake;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code lead_submission} table: what intake accepted and when it arrived, in the intake transaction. */
@Repository
class LeadSubmissions {

  private final JdbcTemplate jdbc;

  LeadSubmissions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void record(String leadId, int cycle, String channel, IntakeResult.Outcome outcome, Instant arrivedAt) {
    jdbc.update("INSERT INTO lead_submission (lead_id, cycle, channel, outcome, arrived_at) VALUES (?, ?, ?, ?, ?)",
        leadId, cycle, channel, outcome.name(), Timestamp.from(arrivedAt));
  }
}
