package io.leadsla.report;

import io.leadsla.LeadSlaProperties;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** Leads in per day and team against the daily capacity the team's entry in leadsla.teams states. */
@Component
class TeamCapacity {

  private final Map<String, LeadSlaProperties.Team> teams;

  @Autowired
  TeamCapacity(LeadSlaProperties properties) {
    this(properties.teams());
  }

  TeamCapacity(Map<String, LeadSlaProperties.Team> teams) {
    this.teams = teams;
  }

  /** Counts the leads in per team and day of the period, cycle by cycle. */
  Tally tally(ReportFilter filter) {
    return new Tally(filter);
  }

  final class Tally {
    private final ReportFilter filter;
    private final Map<String, Map<LocalDate, Long>> perTeam = new TreeMap<>();

    private Tally(ReportFilter filter) {
      this.filter = filter;
    }

    /** A cycle that started on {@code day} of the period. */
    void add(LeadCycleFacts c, LocalDate day) {
      perTeam.computeIfAbsent(c.team(), t -> new TreeMap<>()).merge(day, 1L, Long::sum);
    }

    List<Map<String, Object>> rows() {
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
          row.put("load", capacity == null || capacity == 0 ? null : CycleMetrics.rate(in, capacity));
          rows.add(row);
        }
      });
      return rows;
    }
  }
}
