package io.leadsla.timeline;

import io.leadsla.sla.SlaClockLog;
import io.leadsla.timeline.TimelineEntry.Kind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A lead's story across all its cycles, oldest first: how it arrived, who got it, each stage's clock, every
 * touch with its channel, outcome and note, pauses, missed SLAs, escalations and how each cycle ended. Read from
 * the tables their stores write (a query of its own, as the reports are); nothing here writes.
 */
@Component
public class LeadTimeline {

  private final NamedParameterJdbcTemplate jdbc;
  private final ZoneId teamZone;

  LeadTimeline(NamedParameterJdbcTemplate jdbc, @Value("${leadsla.working-hours.zone:UTC}") ZoneId teamZone) {
    this.jdbc = jdbc;
    this.teamZone = teamZone;
  }

  /** The sales team's zone, in which the forms show times. */
  public ZoneId teamZone() {
    return teamZone;
  }

  /** The timeline as the task forms show it, times in {@code zone}. */
  public String text(String leadId, ZoneId zone) {
    return TimelineText.of(of(leadId), zone);
  }

  public List<TimelineEntry> of(String leadId) {
    MapSqlParameterSource params = new MapSqlParameterSource("lead", leadId)
        .addValue("now", Timestamp.from(ClockUtil.getCurrentTime().toInstant()));
    List<TimelineEntry> entries = new ArrayList<>();
    Set<Integer> arrivals = new HashSet<>();
    jdbc.query("SELECT s.cycle, s.channel, s.outcome, s.arrived_at, c.source FROM lead_submission s "
        + "LEFT JOIN lead_cycle c ON c.lead_id = s.lead_id AND c.cycle = s.cycle WHERE s.lead_id = :lead", params,
        rs -> {
          arrivals.add(rs.getInt("cycle"));
          entries.add(new TimelineEntry(at(rs, "arrived_at"), rs.getInt("cycle"), null, null, Kind.ARRIVED,
              arrival(rs.getString("outcome"), rs.getString("channel"), rs.getString("source"))));
        });
    jdbc.query("SELECT cycle, source, started_at, ended_at, disposition, reason FROM lead_cycle WHERE lead_id = :lead",
        params, rs -> {
          int cycle = rs.getInt("cycle");
          if (!arrivals.contains(cycle)) {   // cycles from before submissions were kept
            entries.add(new TimelineEntry(at(rs, "started_at"), cycle, null, null, Kind.ARRIVED,
                "Cycle " + cycle + " started (source " + rs.getString("source") + ")"));
          }
          if (rs.getTimestamp("ended_at") != null) {
            entries.add(new TimelineEntry(at(rs, "ended_at"), cycle, null, null, Kind.ENDED, "Cycle " + cycle
                + " ended: " + rs.getString("disposition") + inBrackets(rs.getString("reason"))));
          }
        });
    jdbc.query("SELECT cycle, stage, from_owner, to_owner, team, reason, assigned_at, kind FROM lead_assignment "
        + "WHERE lead_id = :lead", params, rs -> {
          String to = rs.getString("to_owner");
          String from = rs.getString("from_owner");
          String who = to == null ? "the " + rs.getString("team") + " team queue" : to;
          String what = switch (rs.getString("kind")) {
            case "reassigned" -> "Reassigned from " + from + " to " + who;
            case "claimed" -> "Claimed from the team queue by " + who;
            default -> from == null ? "Assigned to " + who : "Handed over from " + from + " to " + who;
          };
          entries.add(new TimelineEntry(at(rs, "assigned_at"), rs.getInt("cycle"), rs.getString("stage"), null,
              Kind.ASSIGNED, what + inBrackets(rs.getString("reason"))));
        });
    jdbc.query("SELECT cycle, stage, clock_round, owner, owner_group, started_at, deadline, escalated_at, "
        + "CASE WHEN " + SlaClockLog.MISSED + " THEN 1 ELSE 0 END AS missed FROM sla_clock WHERE lead_id = :lead",
        params, rs -> {
          int cycle = rs.getInt("cycle");
          String stage = rs.getString("stage");
          String owner = rs.getString("owner");
          entries.add(new TimelineEntry(at(rs, "started_at"), cycle, stage, null, Kind.CLOCK_STARTED,
              "The " + stage + " SLA clock started" + (rs.getInt("clock_round") > 1 ? " again" : "")
                  + (owner == null ? " in the " + rs.getString("owner_group") + " team queue" : " for " + owner),
              at(rs, "deadline")));
          if (rs.getInt("missed") == 1) {
            entries.add(new TimelineEntry(at(rs, "deadline"), cycle, stage, null, Kind.MISSED_SLA,
                "The " + stage + " SLA was missed: managers were told"));
          }
          if (rs.getTimestamp("escalated_at") != null) {
            entries.add(new TimelineEntry(at(rs, "escalated_at"), cycle, stage, null, Kind.ESCALATED,
                "Escalated to the executives"));
          }
        });
    jdbc.query("SELECT cycle, stage, touched_at, touched_by, channel, outcome, note FROM lead_touch "
        + "WHERE lead_id = :lead", params, rs -> {
          String note = rs.getString("note");
          entries.add(new TimelineEntry(at(rs, "touched_at"), rs.getInt("cycle"), rs.getString("stage"),
              rs.getString("touched_by"), Kind.TOUCH, rs.getString("channel") + ", " + rs.getString("outcome")
                  .replace('_', ' ') + (note == null || note.isBlank() ? "" : ": " + note)));
        });
    jdbc.query("SELECT cycle, stage, owner, paused_at, resumes_at, reason FROM sla_pause WHERE lead_id = :lead",
        params, rs -> {
          entries.add(new TimelineEntry(at(rs, "paused_at"), rs.getInt("cycle"), rs.getString("stage"),
              rs.getString("owner"), Kind.PAUSED, "Paused: the clock waits" + inBrackets(rs.getString("reason")),
              at(rs, "resumes_at")));
        });
    entries.sort(Comparator.comparing(TimelineEntry::at).thenComparing(TimelineEntry::cycle)
        .thenComparing(TimelineEntry::kind));
    return entries;
  }

  /** " (why)" after a sentence, or nothing where nobody said why. */
  private static String inBrackets(String why) {
    return why == null || why.isBlank() ? "" : " (" + why + ")";
  }

  /** The cycle's source is said where the submission opened the cycle. */
  private static String arrival(String outcome, String channel, String source) {
    String via = " via " + channel.replace('_', ' ');
    String from = source == null ? "" : " (source " + source + ")";
    return switch (outcome) {
      case "CREATED" -> "Arrived" + via + from;
      case "REENGAGED" -> "Came back" + via + from + ": a new cycle";
      default -> "Asked again" + via + " while open: score raised";
    };
  }

  private static Instant at(ResultSet rs, String column) throws SQLException {
    return rs.getTimestamp(column).toInstant();
  }
}
