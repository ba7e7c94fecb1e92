package io.leadsla.lead;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The report columns of {@code lead_cycle}, kept up to date in the engine's transaction as things happen: who the
 * team and first owner were and the first response deadline, the first attempt, the first live conversation and
 * the attempts it took, the hand-off. Reports then read one row per cycle.
 */
@Repository
public class CycleFacts {

  private final JdbcTemplate jdbc;

  CycleFacts(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The first run of the response clock. */
  public void responseClockStarted(String leadId, int cycle, String team, String owner, Instant deadline) {
    jdbc.update("UPDATE lead_cycle SET team = ?, first_owner = ?, response_deadline = ? WHERE lead_id = ? AND cycle = ?",
        team, owner, Timestamp.from(deadline), leadId, cycle);
  }

  public void handedOff(String leadId, int cycle, Instant at) {
    jdbc.update("UPDATE lead_cycle SET qualified_at = ?, qualify_seconds = ? WHERE lead_id = ? AND cycle = ? "
        + "AND qualified_at IS NULL", Timestamp.from(at), secondsSinceStart(leadId, cycle, at), leadId, cycle);
  }

  private Long secondsSinceStart(String leadId, int cycle, Instant at) {
    List<Timestamp> started = jdbc.queryForList("SELECT started_at FROM lead_cycle WHERE lead_id = ? AND cycle = ?",
        Timestamp.class, leadId, cycle);
    return started.isEmpty() ? null : Duration.between(started.get(0).toInstant(), at).toSeconds();
  }

  /** After the touch was stored: the first attempt, and on the first live conversation the attempts it took. */
  void touched(Touch touch) {
    Long seconds = secondsSinceStart(touch.leadId(), touch.cycle(), touch.at());
    jdbc.update("UPDATE lead_cycle SET first_attempt_at = ?, first_attempt_seconds = ? WHERE lead_id = ? AND cycle = ? "
        + "AND first_attempt_at IS NULL", Timestamp.from(touch.at()), seconds, touch.leadId(), touch.cycle());
    if (Touch.CONNECTED.equals(touch.outcome())) {
      jdbc.update("UPDATE lead_cycle SET first_contact_at = ?, first_contact_seconds = ?, attempts_to_contact = "
              + "(SELECT COUNT(*) FROM lead_touch t WHERE t.lead_id = ? AND t.cycle = ? AND t.touched_at <= ?) "
              + "WHERE lead_id = ? AND cycle = ? AND first_contact_at IS NULL",
          Timestamp.from(touch.at()), seconds, touch.leadId(), touch.cycle(), Timestamp.from(touch.at()),
          touch.leadId(), touch.cycle());
    }
  }
}
