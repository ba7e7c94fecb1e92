package io.leadsla.clock;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * An SLA duration as the policy writes it (ISO-8601): the days part counts working days on a business clock
 * ("P2D" = two working days later, at the same point of the working day), the time part counts working time
 * ("PT4H" = four hours the team is at work). On a 24/7 clock a day is 24 hours.
 */
public record WorkingTime(int days, Duration time) {

  public WorkingTime {
    if (days < 0 || time.isNegative()) {
      throw new IllegalArgumentException("An SLA duration cannot be negative");
    }
  }

  public static WorkingTime parse(String iso) {
    if (iso == null || !iso.startsWith("P")) {
      throw new DateTimeParseException("Not an ISO-8601 duration (e.g. PT4H, P2D, P1DT4H)", String.valueOf(iso), 0);
    }
    int t = iso.indexOf('T');
    String datePart = t < 0 ? iso : iso.substring(0, t);
    Duration time = t < 0 ? Duration.ZERO : Duration.parse("P" + iso.substring(t));
    int days = 0;
    if (datePart.length() > 1) {
      Period period = Period.parse(datePart);
      if (period.getMonths() != 0 || period.getYears() != 0) {
        throw new DateTimeParseException("Months and years are not SLA durations; use days or weeks", iso, 0);
      }
      days = period.getDays();
    }
    return new WorkingTime(days, time);
  }

  public static WorkingTime of(Duration time) {
    return new WorkingTime(0, time);
  }

  public boolean isZero() {
    return days == 0 && time.isZero();
  }

  /** The ISO-8601 form, as the policy writes it: P2D, PT4H, P1DT2H. */
  @Override
  public String toString() {
    if (days == 0) {
      return time.toString();
    }
    return "P" + days + "D" + (time.isZero() ? "" : time.toString().substring(1));
  }

  /** On a 24/7 clock. */
  public Duration asWallClock() {
    return Duration.ofDays(days).plus(time);
  }
}
