package io.leadsla.lead;

import java.sql.Timestamp;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The report columns of {@code lead_cycle}, kept up to date in the engine's transaction as things happen: who the
 * team and first owner were and the first response deadline, the first attempt, the first live conversation and
 * the attempts it took, the hand-off. Reports then read one row per cycle. The one projection of {@link CycleEvents}
 * into those columns.
 */
@Repository
public class CycleReportColumns {

  private final JdbcTemplate jdbc;

  CycleReportColumns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The first run of the response clock: team, first owner, deadline; a hand-off clock: qualified. */
  @EventListener
  void clockStarted(CycleEvents.ClockStarted run) {
    if (run.stage().equals("response") && run.round() == 1) {
      jdbc.update("UPDATE lead_cycle SET team = ?, first_owner = ?, response_deadline = ? WHERE lead_id = ? "
          + "AND cycle = ?", run.team(), run.owner(), Timestamp.from(run.deadline()), run.leadId(), run.cycle());
    } else if (run.stage().equals("handoff")) {
      jdbc.update("UPDATE lead_cycle SET qualified_at = COALESCE(qualified_at, ?) WHERE lead_id = ? AND cycle = ?",
          Timestamp.from(run.startedAt()), run.leadId(), run.cycle());
    }
  }

  /** After the touch was stored: the first attempt, and on the first live conversation the attempts it took. */
  @EventListener
  void touched(CycleEvents.TouchLogged logged) {
    Touch touch = logged.touch();
    jdbc.update("UPDATE lead_cycle SET first_attempt_at = COALESCE(first_attempt_at, ?) WHERE lead_id = ? AND cycle = ?",
        Timestamp.from(touch.at()), touch.leadId(), touch.cycle());
    if (Touch.CONNECTED.equals(touch.outcome())) {
      jdbc.update("UPDATE lead_cycle SET first_contact_at = ?, attempts_to_contact = (SELECT COUNT(*) FROM lead_touch t "
              + "WHERE t.lead_id = ? AND t.cycle = ? AND t.touched_at <= ?) "
              + "WHERE lead_id = ? AND cycle = ? AND first_contact_at IS NULL",
          Timestamp.from(touch.at()), touch.leadId(), touch.cycle(), Timestamp.from(touch.at()), touch.leadId(),
          touch.cycle());
    }
  }
}
