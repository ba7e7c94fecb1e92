package io.leadsla.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per day of the period (in its zone): leads in, pick-up rate and first-touch compliance, gathered cycle by cycle. */
final class DailyTrend {

  private final Instant now;
  private final Map<LocalDate, long[]> byDay = new TreeMap<>();   // leads in, picked up, judged, in time

  DailyTrend(ReportFilter filter, Instant now) {
    this.now = now;
    for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
      byDay.put(day, new long[4]);
    }
  }

  /** A cycle that started on {@code day} of the period. */
  void add(LeadCycleFacts c, LocalDate day) {
    long[] n = byDay.get(day);
    n[0]++;
    if (c.firstAttempt() != null) {
      n[1]++;
    }
    if (CycleMetrics.judged(c, now)) {
      n[2]++;
      if (CycleMetrics.inTime(c)) {
        n[3]++;
      }
    }
  }

  /** One day of the trend; the rates are null on a day without leads (or none judged yet). */
  record Day(String day, long leadsIn, Double pickUpRate, Double firstTouchCompliance) {}

  List<Day> days() {
    List<Day> days = new ArrayList<>();
    byDay.forEach((day, n) -> days.add(new Day(day.toString(), n[0], CycleMetrics.rate(n[1], n[0]),
        CycleMetrics.rate(n[3], n[2]))));
    return days;
  }
}
