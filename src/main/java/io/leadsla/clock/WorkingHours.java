package io.leadsla.clock;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * When the sales team is at work, in its own time zone: the days of the week and the hours of each day.
 * Used to tell a lead when to expect a call and to place a re-contact date at the start of a working day.
 */
public record WorkingHours(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes) {

  public WorkingHours {
    if (zone == null || days == null || days.isEmpty() || opens == null || closes == null || !opens.isBefore(closes)) {
      throw new IllegalArgumentException("leadsla.working-hours needs a zone, at least one day and opens before closes");
    }
    days = Set.copyOf(days);
  }

  public boolean isOpen(Instant moment) {
    ZonedDateTime local = moment.atZone(zone);
    LocalTime time = local.toLocalTime();
    return days.contains(local.getDayOfWeek()) && !time.isBefore(opens) && time.isBefore(closes);
  }

  /** The next moment the team starts work, strictly after {@code moment} unless it is exactly an opening time. */
  public Instant nextOpening(Instant moment) {
    ZonedDateTime local = moment.atZone(zone);
    LocalDate day = local.toLocalTime().isAfter(opens) ? local.toLocalDate().plusDays(1) : local.toLocalDate();
    return openingOn(day);
  }

  /** The start of the first working day on or after {@code day}. */
  public Instant openingOn(LocalDate day) {
    LocalDate working = day;
    while (!days.contains(working.getDayOfWeek())) {
      working = working.plusDays(1);
    }
    // atZone moves a time that falls into a DST gap forward, so the opening always exists
    return working.atTime(opens).atZone(zone).toInstant();
  }
}
