package io.leadsla.lead;

import java.sql.Timestamp;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code lead_touch} table, written in the engine's transaction. */
@Repository
public class TouchLog {

  private final JdbcTemplate jdbc;
  private final ApplicationEventPublisher events;

  TouchLog(JdbcTemplate jdbc, ApplicationEventPublisher events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  public void add(Touch touch) {
    jdbc.update("INSERT INTO lead_touch (lead_id, cycle, process_instance_id, stage, touched_at, touched_by, channel, "
            + "outcome, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        touch.leadId(), touch.cycle(), touch.processInstanceId(), touch.stage(), Timestamp.from(touch.at()),
        touch.by(), touch.channel(), touch.outcome(), touch.note());
    events.publishEvent(new CycleEvents.TouchLogged(touch));
  }

  public List<Touch> ofLead(String leadId, int cycle) {
    return jdbc.query("SELECT * FROM lead_touch WHERE lead_id = ? AND cycle = ? ORDER BY touched_at, id",
        (rs, i) -> new Touch(rs.getString("lead_id"), rs.getInt("cycle"), rs.getString("process_instance_id"),
            rs.getString("stage"), rs.getTimestamp("touched_at").toInstant(), rs.getString("touched_by"),
            rs.getString("channel"), rs.getString("outcome"), rs.getString("note")),
        leadId, cycle);
  }
}
