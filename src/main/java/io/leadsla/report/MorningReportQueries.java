package io.leadsla.report;

import io.leadsla.sla.SlaStage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SLA figures of a team and a day, read from the application's own tables (lead_cycle, lead_touch, sla_clock),
 * never from Camunda's history, for the morning report (DailySlaReport).
 */
@Repository
public class MorningReportQueries {

  static final int OLDEST_WAITING = 10;
  /** How a lead without an owner shows in the figures. */
  static final String TEAM_QUEUE = "(team queue)";

  private final JdbcTemplate jdbc;

  MorningReportQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** {@code day} in {@code zone}; clocks still running with a deadline after {@code now} are not judged yet. */
  public TeamDayFigures of(String team, LocalDate day, ZoneId zone, Instant now) {
    Timestamp from = Timestamp.from(day.atStartOfDay(zone).toInstant());
    Timestamp to = Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant());
    Timestamp asOf = Timestamp.from(now);

    List<Duration> firstTouches = new ArrayList<>();
    int[] leadsIn = {0};
    jdbc.query("SELECT started_at, first_attempt_at FROM lead_cycle "
            + "WHERE team = ? AND started_at >= ? AND started_at < ? AND started_at <= ?",
        rs -> {
          leadsIn[0]++;
          Timestamp firstTouch = rs.getTimestamp("first_attempt_at");
          if (firstTouch != null && !firstTouch.after(asOf)) {
            firstTouches.add(Duration.between(rs.getTimestamp("started_at").toInstant(), firstTouch.toInstant()));
          }
        },
        team, from, to, asOf);
    firstTouches.sort(null);

    Map<String, TeamDayFigures.StageCompliance> compliance = new LinkedHashMap<>();
    Arrays.stream(SlaStage.values()).forEach(stage -> compliance.put(stage.key(), new TeamDayFigures.StageCompliance(0, 0)));
    Map<String, Integer> breaches = new TreeMap<>();
    jdbc.query("SELECT stage, owner, CASE WHEN ended_at IS NOT NULL AND ended_at <= deadline THEN 1 ELSE 0 END AS met "
            + "FROM sla_clock WHERE owner_group = ? AND deadline >= ? AND deadline < ? AND deadline <= ? "
            + "AND paused = FALSE",
        rs -> {
          boolean met = rs.getInt("met") == 1;
          compliance.merge(rs.getString("stage"), new TeamDayFigures.StageCompliance(1, met ? 1 : 0),
              (a, b) -> new TeamDayFigures.StageCompliance(a.due() + b.due(), a.met() + b.met()));
          if (!met) {
            String owner = rs.getString("owner");
            breaches.merge(owner == null ? TEAM_QUEUE : owner, 1, Integer::sum);
          }
        },
        team, from, to, asOf);

    List<TeamDayFigures.WaitingLead> waiting = jdbc.query(
        "SELECT k.lead_id, k.cycle, l.name, k.stage, k.owner, k.started_at, k.deadline FROM sla_clock k "
            + "JOIN lead_cycle c ON c.lead_id = k.lead_id AND c.cycle = k.cycle JOIN lead l ON l.id = k.lead_id "
            + "WHERE k.owner_group = ? AND k.running = TRUE AND c.ended_at IS NULL AND k.started_at <= ? "
            + "ORDER BY k.started_at, k.lead_id FETCH FIRST " + OLDEST_WAITING + " ROWS ONLY",
        (rs, i) -> new TeamDayFigures.WaitingLead(rs.getString("lead_id"), rs.getInt("cycle"), rs.getString("name"),
            rs.getString("stage"), rs.getString("owner") == null ? TEAM_QUEUE : rs.getString("owner"),
            rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("deadline").toInstant()),
        team, asOf);

    List<TeamDayFigures.Pause> pauses = jdbc.query(
        "SELECT lead_id, stage, owner, paused_at, resumes_at, reason FROM sla_pause "
            + "WHERE owner_group = ? AND paused_at >= ? AND paused_at < ? ORDER BY paused_at",
        (rs, i) -> new TeamDayFigures.Pause(rs.getString("lead_id"), rs.getString("stage"), rs.getString("owner"),
            rs.getTimestamp("paused_at").toInstant(), rs.getTimestamp("resumes_at").toInstant(), rs.getString("reason")),
        team, from, to);

    return new TeamDayFigures(team, day, leadsIn[0], firstTouches.size(), percentile(firstTouches, 50),
        percentile(firstTouches, 90), compliance, breaches, waiting, pauses);
  }

  /** Nearest-rank percentile of sorted durations; null when there are none. */
  static Duration percentile(List<Duration> sorted, int percent) {
    if (sorted.isEmpty()) {
      return null;
    }
    return sorted.get(CycleMetrics.nearestRank(sorted.size(), percent));
  }
}
