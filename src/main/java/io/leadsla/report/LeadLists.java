package io.leadsla.report;

import io.leadsla.sla.SlaClockLog;
import io.leadsla.team.TeamDirectory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leads behind the dashboard's charts, a row each: those waiting on a stage clock now (the "open leads"
 * chart), and those whose clock missed its deadline in the period (the breach charts), with the same conditions
 * as the figures themselves, so a bar of 3 lists 3 leads.
 */
@Component
class LeadLists {

  /** The longest list answered; a longer one says so ({@code more}). */
  static final int MAX_ROWS = 500;

  /** One lead: who has it, in which stage, waiting since when, until when, and the link to its task. */
  record Row(String leadId, String name, String company, int cycle, String stage, String owner, String ownerName,
      Instant since, Instant deadline, long waitingSeconds) {}

  /** The rows, and whether there were more than {@link #MAX_ROWS}. */
  record Rows(List<Row> leads, boolean more) {}

  private static final String COLUMNS = "SELECT k.lead_id, l.name, l.company, k.cycle, k.stage, k.owner, "
      + "k.started_at, k.deadline FROM sla_clock k JOIN lead l ON l.id = k.lead_id ";

  private final NamedParameterJdbcTemplate jdbc;
  private final TeamDirectory directory;

  LeadLists(NamedParameterJdbcTemplate jdbc, TeamDirectory directory) {
    this.jdbc = jdbc;
    this.directory = directory;
  }

  /** Leads on a running stage clock of an open cycle now (as CycleMetrics' open leads), oldest first. */
  Rows open(String team, String stage, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource("now", Timestamp.from(now)).addValue("team", team)
        .addValue("stage", stage);
    return rows(COLUMNS + "JOIN lead_cycle c ON c.lead_id = k.lead_id AND c.cycle = k.cycle WHERE k.running = TRUE "
        + "AND c.ended_at IS NULL AND c.started_at <= :now" + narrowed(team, stage)
        + " ORDER BY k.started_at", params, now);
  }

  /**
   * Leads whose stage clock missed a deadline that fell in the period (as the breach figures), by deadline;
   * {@code escalated}: only those the executives were told of.
   */
  Rows missed(ReportFilter filter, String stage, String rep, boolean escalated, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource("now", Timestamp.from(now))
        .addValue("from", Timestamp.from(filter.start())).addValue("to", Timestamp.from(filter.end()))
        .addValue("team", filter.team()).addValue("stage", stage).addValue("rep", rep);
    String owner = rep == null ? "" : MorningReportQueries.TEAM_QUEUE.equals(rep) ? " AND k.owner IS NULL"
        : " AND k.owner = :rep";
    // (the lead table has none of the clock's column names the condition uses)
    return rows(COLUMNS + "WHERE k.deadline >= :from AND k.deadline < :to AND " + SlaClockLog.MISSED
        + narrowed(filter.team(), stage) + owner + (escalated ? " AND k.escalated_at IS NOT NULL" : "")
        + " ORDER BY k.deadline", params, now);
  }

  private static String narrowed(String team, String stage) {
    return (team == null ? "" : " AND k.owner_group = :team") + (stage == null ? "" : " AND k.stage = :stage");
  }

  private Rows rows(String sql, MapSqlParameterSource params, Instant now) {
    List<Row> rows = jdbc.query(sql + " LIMIT " + (MAX_ROWS + 1), params, (rs, i) -> {
      Instant since = rs.getTimestamp("started_at").toInstant();
      // a clock that starts counting when its team opens (after hours) has waited nothing yet
      long waited = Math.max(0, Duration.between(since, now).toSeconds());
      return new Row(rs.getString("lead_id"), rs.getString("name"), rs.getString("company"), rs.getInt("cycle"),
          rs.getString("stage"), rs.getString("owner"), null, since, rs.getTimestamp("deadline").toInstant(), waited);
    });
    // the names after the query: the directory is a query of its own, never run while this one holds its
    // connection
    Map<String, String> names = new HashMap<>();
    List<Row> named = rows.stream().limit(MAX_ROWS).map(row -> row.owner() == null ? row : new Row(row.leadId(),
        row.name(), row.company(), row.cycle(), row.stage(), row.owner(),
        names.computeIfAbsent(row.owner(), id -> directory.fullNameOf(id).orElse(id)), row.since(), row.deadline(),
        row.waitingSeconds())).toList();
    return new Rows(named, rows.size() > MAX_ROWS);
  }
}
