package io.leadsla.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/** The days of a report's period in its zone, for placing 100,000s of cycles on their day by a search. */
final class PeriodDays {

  private final LocalDate first;
  private final long[] starts;   // epoch seconds at which each day starts, and the end of the last one

  PeriodDays(ReportFilter filter) {
    first = filter.from();
    starts = filter.from().datesUntil(filter.to().plusDays(2))
        .mapToLong(day -> day.atStartOfDay(filter.zone()).toEpochSecond()).toArray();
  }

  /** The day of the period {@code instant} falls on; null outside the period. */
  LocalDate of(Instant instant) {
    int found = Arrays.binarySearch(starts, instant.getEpochSecond());
    int day = found >= 0 ? found : -found - 2;
    return day < 0 || day >= starts.length - 1 ? null : first.plusDays(day);
  }
}
