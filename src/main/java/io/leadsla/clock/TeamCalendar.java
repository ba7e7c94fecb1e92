package io.leadsla.clock;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * When a team works: its time zone, the hours of each weekday and its holidays. Turns working time into instants,
 * skipping nights, weekends and holidays; local times are placed with the zone's rules, so daylight-saving
 * changes are right. {@link #ALWAYS} is the 24/7 clock.
 */
public final class TeamCalendar {

  /** Opening and closing time of one working day. */
  public record Hours(LocalTime opens, LocalTime closes) {

    public Hours {
      if (!opens.isBefore(closes)) {
        throw new IllegalArgumentException("Working hours must open before they close: " + opens + "-" + closes);
      }
    }

    /** "09:00-17:00". */
    public static Hours parse(String text) {
      String[] parts = text.strip().split("\\s*-\\s*");
      if (parts.length != 2) {
        throw new IllegalArgumentException("Working hours look like 09:00-17:00, not '" + text + "'");
      }
      return new Hours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
    }
  }

  /** The 24/7 clock: every moment counts. */
  public static final TeamCalendar ALWAYS = new TeamCalendar(ZoneId.of("UTC"), Map.of(), Set.of(), true);

  /** Searching further than this for working time means the calendar has none (no working days at all). */
  private static final int MAX_DAYS = 3 * 366;

  private final ZoneId zone;
  private final Map<DayOfWeek, Hours> week;
  private final Set<LocalDate> holidays;
  private final boolean always;

  private TeamCalendar(ZoneId zone, Map<DayOfWeek, Hours> week, Set<LocalDate> holidays, boolean always) {
    this.zone = zone;
    this.week = week.isEmpty() ? Map.of() : new EnumMap<>(week);
    this.holidays = Set.copyOf(holidays);
    this.always = always;
  }

  public static TeamCalendar of(ZoneId zone, Map<DayOfWeek, Hours> week, Set<LocalDate> holidays) {
    if (week.isEmpty()) {
      throw new IllegalArgumentException("A team calendar needs at least one working day");
    }
    return new TeamCalendar(zone, week, holidays, false);
  }

  public ZoneId zone() {
    return zone;
  }

  public boolean isAlways() {
    return always;
  }

  public boolean isWorking(Instant moment) {
    if (always) {
      return true;
    }
    LocalDate day = moment.atZone(zone).toLocalDate();
    return hours(day) != null && !moment.isBefore(opening(day)) && moment.isBefore(closing(day));
  }

  /** {@code moment} itself if the team is at work, else the start of its next working period. */
  public Instant nextWorkingMoment(Instant moment) {
    if (always || isWorking(moment)) {
      return moment;
    }
    LocalDate day = moment.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      if (hours(day) != null && opening(day).isAfter(moment)) {
        return opening(day);
      }
    }
    throw new IllegalStateException("This team calendar has no working time");
  }

  /** The moment {@code amount} of working time after {@code start}. */
  public Instant plus(Instant start, WorkingTime amount) {
    if (always) {
      return start.plus(amount.asWallClock());
    }
    if (amount.isZero()) {
      return start;
    }
    Instant moment = nextWorkingMoment(start);
    if (amount.days() > 0) {
      moment = plusWorkingDays(moment, amount.days());
    }
    return plusWorkingTime(moment, amount.time());
  }

  /** The moment {@code amount} of working time before {@code end} (e.g. the warning before a deadline). */
  public Instant minus(Instant end, WorkingTime amount) {
    if (always) {
      return end.minus(amount.asWallClock());
    }
    Instant moment = minusWorkingTime(end, amount.time());
    return amount.days() > 0 ? minusWorkingDays(moment, amount.days()) : moment;
  }

  /** Working time between two moments (zero if {@code to} is not after {@code from}). */
  public Duration workingTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    if (always) {
      return Duration.between(from, to);
    }
    Duration total = Duration.ZERO;
    LocalDate day = from.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    for (int i = 0; !day.isAfter(last); i++, day = day.plusDays(1)) {
      guard(i);
      if (hours(day) == null) {
        continue;
      }
      Instant start = from.isAfter(opening(day)) ? from : opening(day);
      Instant end = to.isBefore(closing(day)) ? to : closing(day);
      if (end.isAfter(start)) {
        total = total.plus(Duration.between(start, end));
      }
    }
    return total;
  }

  /** The same point of the working day, {@code days} working days later (shorter days clamp to their close). */
  private Instant plusWorkingDays(Instant workingMoment, int days) {
    LocalDate day = workingMoment.atZone(zone).toLocalDate();
    Duration intoDay = Duration.between(opening(day), workingMoment);
    LocalDate target = day;
    for (int found = 0, i = 0; found < days; i++) {
      guard(i);
      target = target.plusDays(1);
      if (hours(target) != null) {
        found++;
      }
    }
    Instant moment = opening(target).plus(intoDay);
    return moment.isAfter(closing(target)) ? closing(target) : moment;
  }

  private Instant minusWorkingDays(Instant moment, int days) {
    Instant working = previousWorkingMoment(moment);
    LocalDate day = working.atZone(zone).toLocalDate();
    Duration intoDay = Duration.between(opening(day), working);
    LocalDate target = day;
    for (int found = 0, i = 0; found < days; i++) {
      guard(i);
      target = target.minusDays(1);
      if (hours(target) != null) {
        found++;
      }
    }
    Instant result = opening(target).plus(intoDay);
    return result.isAfter(closing(target)) ? closing(target) : result;
  }

  private Instant plusWorkingTime(Instant start, Duration amount) {
    Duration remaining = amount;
    Instant cursor = start;
    LocalDate day = start.atZone(zone).toLocalDate();
    for (int i = 0; ; i++, day = day.plusDays(1)) {
      guard(i);
      if (hours(day) == null) {
        continue;
      }
      Instant from = cursor.isAfter(opening(day)) ? cursor : opening(day);
      Instant close = closing(day);
      if (from.isBefore(close)) {
        Duration available = Duration.between(from, close);
        if (remaining.compareTo(available) <= 0) {
          return from.plus(remaining);
        }
        remaining = remaining.minus(available);
      }
    }
  }

  private Instant minusWorkingTime(Instant end, Duration amount) {
    if (amount.isZero()) {
      return end;
    }
    Duration remaining = amount;
    LocalDate day = end.atZone(zone).toLocalDate();
    for (int i = 0; ; i++, day = day.minusDays(1)) {
      guard(i);
      if (hours(day) == null) {
        continue;
      }
      Instant to = end.isBefore(closing(day)) ? end : closing(day);
      Instant open = opening(day);
      if (to.isAfter(open)) {
        Duration available = Duration.between(open, to);
        if (remaining.compareTo(available) <= 0) {
          return to.minus(remaining);
        }
        remaining = remaining.minus(available);
      }
    }
  }

  /** {@code moment} if at work, else the end of the last working period before it. */
  private Instant previousWorkingMoment(Instant moment) {
    if (isWorking(moment)) {
      return moment;
    }
    LocalDate day = moment.atZone(zone).toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.minusDays(1)) {
      if (hours(day) != null && !closing(day).isAfter(moment)) {
        return closing(day);
      }
    }
    throw new IllegalStateException("This team calendar has no working time");
  }

  private Hours hours(LocalDate day) {
    return holidays.contains(day) ? null : week.get(day.getDayOfWeek());
  }

  private Instant opening(LocalDate day) {
    return day.atTime(week.get(day.getDayOfWeek()).opens()).atZone(zone).toInstant();
  }

  private Instant closing(LocalDate day) {
    return day.atTime(week.get(day.getDayOfWeek()).closes()).atZone(zone).toInstant();
  }

  private static void guard(int days) {
    if (days > MAX_DAYS) {
      throw new IllegalStateException("No working time within " + MAX_DAYS + " days: check the team's calendar");
    }
  }
}
