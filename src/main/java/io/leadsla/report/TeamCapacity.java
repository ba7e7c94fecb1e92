package io.leadsla.report;

import io.leadsla.LeadSlaProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Leads in per day and team against the daily capacity the team's entry in leadsla.teams states. */
@Component
class TeamCapacity {

  private final Map<String, LeadSlaProperties.Team> teams;

  TeamCapacity(LeadSlaProperties properties) {
    this.teams = properties.teams();
  }

  List<Map<String, Object>> of(ReportFilter filter, List<LeadCycleFacts> cycles) {
    Map<String, Map<LocalDate, Long>> perTeam = new TreeMap<>();
    cycles.forEach(c -> perTeam.computeIfAbsent(c.team(), t -> new TreeMap<>())
        .merge(c.startedAt().atZone(filter.zone()).toLocalDate(), 1L, Long::sum));
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
