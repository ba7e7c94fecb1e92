package io.leadsla.intake;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code lead_submission} table: what intake accepted and when it arrived, in the intake transaction. */
@Repository
public class LeadSubmissions {

  private final JdbcTemplate jdbc;

  LeadSubmissions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code enteredBy}: the user who entered the lead by hand (Tasklist), else null. */
  void record(String leadId, int cycle, String channel, IntakeResult.Outcome outcome, Instant arrivedAt,
      String enteredBy) {
    jdbc.update("INSERT INTO lead_submission (lead_id, cycle, channel, outcome, arrived_at, entered_by) "
        + "VALUES (?, ?, ?, ?, ?, ?)", leadId, cycle, channel, outcome.name(), Timestamp.from(arrivedAt), enteredBy);
  }

  /** Whether this user entered the lead's latest cycle by hand. */
  public boolean enteredBy(String leadId, String user) {
    Integer entered = jdbc.queryForObject("SELECT COUNT(*) FROM lead_submission s WHERE s.lead_id = ? "
        + "AND s.entered_by = ? AND s.cycle = (SELECT MAX(c.cycle) FROM lead_cycle c WHERE c.lead_id = s.lead_id)",
        Integer.class, leadId, user);
    return entered != null && entered > 0;
  }
}
