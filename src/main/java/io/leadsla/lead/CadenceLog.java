package io.leadsla.lead;

import java.sql.Timestamp;
import java.sql.Types;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

/**
 * The {@code lead_cadence} table, written in the engine's transaction: one row per cadence, with the touches made
 * within it and when it ended (the first live conversation after its start, or the end of the cycle), kept as
 * things happen so that cadence compliance reads one row per cadence.
 */
@Repository
public class CadenceLog {

  private final JdbcTemplate jdbc;

  CadenceLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The cadence of a cycle starts. The touches already stored from its start on count (the touch that started it
   * at least), up to a live conversation among them.
   */
  public void started(String leadId, int cycle, CadencePlan plan) {
    jdbc.update("INSERT INTO lead_cadence (lead_id, cycle, started_at, planned_touches, planned_days, team) "
            + "VALUES (?, ?, ?, ?, ?, (SELECT c.team FROM lead_cycle c WHERE c.lead_id = ? AND c.cycle = ?))",
        leadId, cycle, Timestamp.from(plan.startedAt()), plan.touches(), plan.days(), leadId, cycle);
    jdbc.update("UPDATE lead_cadence d SET ended_at = (SELECT MIN(t.touched_at) FROM lead_touch t WHERE "
        + "t.lead_id = d.lead_id AND t.cycle = d.cycle AND t.touched_at >= d.started_at AND t.outcome = ?) "
        + "WHERE d.lead_id = ? AND d.cycle = ?", Touch.CONNECTED, leadId, cycle);
    jdbc.update("UPDATE lead_cadence d SET touches = (SELECT COUNT(*) FROM lead_touch t WHERE t.lead_id = d.lead_id "
        + "AND t.cycle = d.cycle AND t.touched_at >= d.started_at AND (d.ended_at IS NULL OR t.touched_at <= d.ended_at)) "
        + "WHERE d.lead_id = ? AND d.cycle = ?", leadId, cycle);
  }

  /** A touch of a cadence still running counts; a live conversation ends the cadence. */
  @EventListener
  void touched(CycleEvents.TouchLogged logged) {
    Touch touch = logged.touch();
    Timestamp at = Timestamp.from(touch.at());
    Timestamp conversation = Touch.CONNECTED.equals(touch.outcome()) ? at : null;
    jdbc.update("UPDATE lead_cadence SET touches = touches + 1, ended_at = ? WHERE lead_id = ? AND cycle = ? "
        + "AND started_at <= ? AND ended_at IS NULL", new SqlParameterValue(Types.TIMESTAMP, conversation),
        touch.leadId(), touch.cycle(), at);
  }

  @EventListener
  void cycleEnded(CycleEvents.CycleEnded ended) {
    jdbc.update("UPDATE lead_cadence SET ended_at = ? WHERE lead_id = ? AND cycle = ? AND ended_at IS NULL",
        Timestamp.from(ended.at()), ended.leadId(), ended.cycle());
  }
}
