package io.leadsla.report;

import io.leadsla.LeadSlaProperties;
import java.time.LocalDate;
import java.util.ArrayList;
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

  /** A team's leads in on a day against its daily capacity; no capacity stated, no load. */
  record Row(String team, String day, long leadsIn, Integer capacity, Double load) {}

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

    List<Row> rows() {
      List<Row> rows = new ArrayList<>();
      perTeam.forEach((team, days) -> {
        LeadSlaProperties.Team config = teams.get(team);
        Integer capacity = config == null ? null : config.dailyCapacity();
        for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
          long in = days.getOrDefault(day, 0L);
          rows.add(new Row(team, day.toString(), in, capacity,
              capacity == null || capacity == 0 ? null : CycleMetrics.rate(in, capacity)));
        }
      });
      return rows;
    }
  }
}
