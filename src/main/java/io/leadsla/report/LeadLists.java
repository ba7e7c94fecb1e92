package io.leadsla.report;

import io.leadsla.sla.SlaClockLog;
import io.leadsla.team.TeamDirectory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The leads behind the dashboard's charts, a row each, with the same conditions as the figures themselves, so a
 * bar of 3 lists 3 leads: those waiting on a stage clock now (the "open leads" chart), those waiting in one place
 * (the "where every open lead waits" chart), those whose clock missed its deadline in the period (the breach
 * charts), and the cycles that started in the period (the response-time, trend and qualification charts).
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

  /**
   * One cycle that started in the period: its status now (open, handoff or how it ended), its first owner, when it
   * started, its first response deadline and how long it took to the first touch (null: no touch yet).
   */
  record CycleRow(String leadId, String name, String company, int cycle, String status, String owner,
      String ownerName, Instant startedAt, Instant responseDeadline, Long firstTouchSeconds) {}

  /** The cycle rows, and whether there were more than {@link #MAX_ROWS}. */
  record CycleRows(List<CycleRow> cycles, boolean more) {}

  private static final String COLUMNS = "SELECT k.lead_id, l.name, l.company, k.cycle, k.stage, k.owner, "
      + "k.started_at, k.deadline FROM sla_clock k JOIN lead l ON l.id = k.lead_id ";

  private final NamedParameterJdbcTemplate jdbc;
  private final TeamDirectory directory;
  private final CycleMetrics metrics;

  LeadLists(NamedParameterJdbcTemplate jdbc, TeamDirectory directory, CycleMetrics metrics) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.metrics = metrics;
  }

  /** Leads on a running stage clock of an open cycle now (as CycleMetrics' open leads), oldest first. */
  Rows open(String team, String stage, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource("now", Timestamp.from(now)).addValue("team", team)
        .addValue("stage", stage);
    return rows(COLUMNS + "JOIN lead_cycle c ON c.lead_id = k.lead_id AND c.cycle = k.cycle WHERE "
        + WaitingPlaces.ON_A_RUNNING_CLOCK + narrowed(team, stage)
        + " ORDER BY k.started_at", params, now);
  }

  /** Leads waiting in one place now (see {@link WaitingPlaces}), longest waiting first. */
  Rows waiting(String team, String place, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource("now", Timestamp.from(now)).addValue("team", team)
        .addValue("place", place);
    return rows("SELECT w.lead_id, l.name, l.company, w.cycle, w.place AS stage, w.owner, w.since AS started_at, "
        + "w.due AS deadline FROM (" + WaitingPlaces.rows(team) + ") w JOIN lead l ON l.id = w.lead_id "
        + "WHERE w.place = :place ORDER BY w.since", params, now);
  }

  /**
   * The cycles of the filter (as the summary counts them), in start order; {@code bucket}: only those of this
   * response-time bucket (or "no touch"); {@code decided}: only those qualified or ended, as the qualification
   * rate counts them.
   */
  CycleRows cycles(ReportFilter filter, String bucket, boolean decided) {
    List<LeadCycleFacts> facts = new ArrayList<>();
    metrics.eachCycleInStartOrder(filter, cycle -> {
      if (facts.size() <= MAX_ROWS && (bucket == null || bucket.equals(CycleMetrics.bucket(cycle)))
          && (!decided || cycle.qualified() || cycle.endedAt() != null)) {
        facts.add(cycle);
      }
    });
    Map<String, String[]> leads = new HashMap<>();
    if (!facts.isEmpty()) {
      jdbc.query("SELECT id, name, company FROM lead WHERE id IN (:ids)", new MapSqlParameterSource("ids",
          facts.stream().map(LeadCycleFacts::leadId).distinct().toList()), rs -> {
            leads.put(rs.getString("id"), new String[] {rs.getString("name"), rs.getString("company")});
          });
    }
    Map<String, String> names = new HashMap<>();
    List<CycleRow> rows = facts.stream().limit(MAX_ROWS).map(c -> {
      String[] lead = leads.getOrDefault(c.leadId(), new String[2]);
      Duration toFirst = c.toFirstAttempt();
      String status = c.disposition() != null ? c.disposition() : c.qualified() ? "handoff" : "open";
      return new CycleRow(c.leadId(), lead[0], lead[1], c.cycle(), status, c.rep(), nameOf(c.rep(), names),
          c.startedAt(), c.responseDeadline(), toFirst == null ? null : toFirst.toSeconds());
    }).toList();
    return new CycleRows(rows, facts.size() > MAX_ROWS);
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
      Timestamp deadline = rs.getTimestamp("deadline");
      return new Row(rs.getString("lead_id"), rs.getString("name"), rs.getString("company"), rs.getInt("cycle"),
          rs.getString("stage"), rs.getString("owner"), null, since, deadline == null ? null : deadline.toInstant(),
          waited);
    });
    // the names after the query: the directory is a query of its own, never run while this one holds its
    // connection
    Map<String, String> names = new HashMap<>();
    List<Row> named = rows.stream().limit(MAX_ROWS).map(row -> row.owner() == null ? row : new Row(row.leadId(),
        row.name(), row.company(), row.cycle(), row.stage(), row.owner(), nameOf(row.owner(), names), row.since(),
        row.deadline(), row.waitingSeconds())).toList();
    return new Rows(named, rows.size() > MAX_ROWS);
  }

  private String nameOf(String owner, Map<String, String> names) {
    return owner == null ? null : names.computeIfAbsent(owner, id -> directory.fullNameOf(id).orElse(id));
  }
}
