package io.leadsla.report;

import io.leadsla.LeadSlaProperties;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Leads in per day and team against the daily capacity the team's entry in leadsla.teams states. */
@Component
class TeamCapacity {

  private final Map<String, LeadSlaProperties.Team> teams;
  private final JdbcTemplate jdbc;

  TeamCapacity(LeadSlaProperties properties, JdbcTemplate jdbc) {
    this.teams = properties.teams();
    this.jdbc = jdbc;
  }

  List<Map<String, Object>> of(ReportFilter filter) {
    Map<String, Map<LocalDate, Long>> perTeam = new TreeMap<>();
    for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
      LocalDate current = day;
      jdbc.query("SELECT team, COUNT(*) AS n FROM lead_cycle WHERE started_at >= ? AND started_at < ? "
              + "AND team IS NOT NULL" + (filter.team() == null ? "" : " AND team = ?") + " GROUP BY team",
          rs -> {
            perTeam.computeIfAbsent(rs.getString("team"), t -> new TreeMap<>()).put(current, rs.getLong("n"));
          },
          filter.team() == null
              ? new Object[] {Timestamp.from(day.atStartOfDay(filter.zone()).toInstant()),
                  Timestamp.from(day.plusDays(1).atStartOfDay(filter.zone()).toInstant())}
              : new Object[] {Timestamp.from(day.atStartOfDay(filter.zone()).toInstant()),
                  Timestamp.from(day.plusDays(1).atStartOfDay(filter.zone()).toInstant()), filter.team()});
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    perTeam.forEach((team, days) -> {
      LeadSlaProperties.Team config = teams.get(team);
      Integer capacity = config == null ? null : config.dailyCapacity();
      for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
        long in = days.getOrDefault(day, 0L);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("team", team);
        row.put("day", day.toString());
        row.put("leadsIn", in);
        row.put("capacity", capacity);
        row.put("load", capacity == null || capacity == 0 ? null : SlaMetrics.rate(in, capacity));
        rows.add(row);
      }
    });
    return rows;
  }
}
