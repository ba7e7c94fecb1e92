package io.leadsla.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The summary report of the lead cycles that started in a period: the cycle metrics, the trend per day and the
 * capacity, gathered in one pass over the cycles, and cadence compliance.
 */
@Component
class CycleReport {

  private final CycleMetrics metrics;
  private final TeamCapacity capacity;

  CycleReport(CycleMetrics metrics, TeamCapacity capacity) {
    this.metrics = metrics;
    this.capacity = capacity;
  }

  /** The summary report's body. */
  record Summary(ReportFilter filter, CycleSummary.Cycles cycles, List<DailyTrend.Day> trend,
      CycleMetrics.Cadence cadence, List<TeamCapacity.Row> capacity) {}

  Summary of(ReportFilter filter, Instant now) {
    CycleSummary cycles = new CycleSummary(now);
    DailyTrend trend = new DailyTrend(filter, now);
    TeamCapacity.Tally load = capacity.tally(filter);
    PeriodDays days = new PeriodDays(filter);
    metrics.eachCycle(filter, cycle -> {
      LocalDate day = days.of(cycle.startedAt());
      cycles.add(cycle);
      trend.add(cycle, day);
      load.add(cycle, day);
    });
    return new Summary(filter, cycles.result(), trend.days(), metrics.cadence(filter, now), load.rows());
  }
}
