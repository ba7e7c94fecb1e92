package io.leadsla.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Which lead cycles a report covers: those that started in [{@code from}, {@code to}) (days in {@code zone}),
 * optionally of one team, one rep (the first owner), one source and one cycle number.
 */
public record ReportFilter(LocalDate from, LocalDate to, ZoneId zone, String team, String rep, String source,
    Integer cycle) {

  /** A report spans at most this many days. */
  public static final int MAX_DAYS = 366;

  public ReportFilter {
    if (from == null || to == null || to.isBefore(from)) {
      throw new IllegalArgumentException("from and to are dates (YYYY-MM-DD) with from <= to");
    }
    if (Duration.between(from.atStartOfDay(), to.atStartOfDay()).toDays() >= MAX_DAYS) {
      throw new IllegalArgumentException("A report spans at most " + MAX_DAYS + " days");
    }
    if (cycle != null && cycle < 1) {
      throw new IllegalArgumentException("cycle is 1 or more");
    }
  }

  Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The end of the {@code to} day (exclusive). */
  Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }
}
