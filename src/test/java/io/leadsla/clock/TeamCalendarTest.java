package io.leadsla.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The business clock as a table: start (local time of the team), SLA, expected deadline (local time). */
class TeamCalendarTest {

  static TeamCalendar weekdays(String zone, String hours, LocalDate... holidays) {
    Map<DayOfWeek, TeamCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
        week.put(day, TeamCalendar.Hours.parse(hours));
      }
    }
    return TeamCalendar.of(ZoneId.of(zone), week, Set.of(holidays));
  }

  static final LocalDate CHRISTMAS = LocalDate.of(2026, 12, 25);

  static TeamCalendar calendar(String zone) {
    return switch (zone) {
      case "24/7" -> TeamCalendar.ALWAYS;
      case "Asia/Kolkata" -> weekdays(zone, "10:00-18:00");
      default -> weekdays(zone, "09:00-17:00", CHRISTMAS);
    };
  }

  @ParameterizedTest(name = "{0}: {1} + {2} = {3}")
  @CsvSource({
      // team zone,        start (local),        SLA,     deadline (local)
      "Europe/Berlin,      2026-03-06T17:00,     PT2H,    2026-03-09T11:00",   // Friday 17:00 + 2 working hours
      "Europe/Berlin,      2026-03-06T16:00,     PT2H,    2026-03-09T10:00",   // one hour on Friday, one on Monday
      "Europe/Berlin,      2026-03-07T22:00,     PT1H,    2026-03-09T10:00",   // Saturday night
      "Europe/Berlin,      2026-12-24T16:00,     PT2H,    2026-12-28T10:00",   // Christmas Day is a holiday
      "Europe/Berlin,      2026-03-27T16:00,     PT2H,    2026-03-30T10:00",   // clocks go forward on Sunday 29 March
      "Europe/Berlin,      2026-10-23T16:00,     PT2H,    2026-10-26T10:00",   // clocks go back on Sunday 25 October
      "America/New_York,   2026-03-06T16:00,     PT2H,    2026-03-09T10:00",   // DST starts Sunday 8 March
      "America/New_York,   2026-10-30T16:00,     PT2H,    2026-11-02T10:00",   // DST ends Sunday 1 November
      "Asia/Kolkata,       2026-03-02T17:30,     PT1H,    2026-03-03T10:30",   // half-hour offset, 10:00-18:00
      "Europe/Berlin,      2026-03-02T09:00,     PT48H,   2026-03-09T17:00",   // longer than a week: six 8-hour days
      "Europe/Berlin,      2026-03-02T10:00,     P10D,    2026-03-16T10:00",   // ten working days
      "Europe/Berlin,      2026-03-06T15:00,     P1D,     2026-03-09T15:00",   // one working day from Friday
      "Europe/Berlin,      2026-03-07T22:00,     P1DT2H,  2026-03-10T11:00",   // a day and two hours from Saturday
      "Europe/Berlin,      2026-03-02T16:00,     PT1H,    2026-03-02T17:00",   // ends exactly at closing time
  })
  void workingTimeSkipsNightsWeekendsAndHolidays(String zone, LocalDateTime start, String sla, LocalDateTime expected) {
    TeamCalendar calendar = calendar(zone);
    Instant deadline = calendar.plus(start.atZone(calendar.zone()).toInstant(), WorkingTime.parse(sla));
    assertThat(deadline.atZone(calendar.zone()).toLocalDateTime()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1} - {2} = {3}")
  @CsvSource({
      "Europe/Berlin,      2026-03-09T10:00,     PT2H,    2026-03-06T16:00",   // a warning 2 working hours before
      "Europe/Berlin,      2026-03-30T10:00,     PT2H,    2026-03-27T16:00",   // back across the spring DST weekend
      "Europe/Berlin,      2026-03-09T10:00,     P1D,     2026-03-06T10:00",
      "Europe/Berlin,      2026-03-09T08:00,     PT30M,   2026-03-06T16:30",   // from before opening
  })
  void warningsCountBackInWorkingTime(String zone, LocalDateTime end, String before, LocalDateTime expected) {
    TeamCalendar calendar = calendar(zone);
    Instant warning = calendar.minus(end.atZone(calendar.zone()).toInstant(), WorkingTime.parse(before));
    assertThat(warning.atZone(calendar.zone()).toLocalDateTime()).isEqualTo(expected);
  }

  @Test
  void theAlwaysClockCountsEveryHourAndDay() {
    Instant saturdayNight = Instant.parse("2026-03-07T22:00:00Z");
    assertThat(TeamCalendar.ALWAYS.plus(saturdayNight, WorkingTime.parse("PT2H")))
        .isEqualTo(Instant.parse("2026-03-08T00:00:00Z"));
    assertThat(TeamCalendar.ALWAYS.plus(saturdayNight, WorkingTime.parse("P2D")))
        .isEqualTo(Instant.parse("2026-03-09T22:00:00Z"));
    assertThat(TeamCalendar.ALWAYS.minus(saturdayNight, WorkingTime.parse("PT4H")))
        .isEqualTo(Instant.parse("2026-03-07T18:00:00Z"));
  }

  @Test
  void badDurationsAndCalendarsAreRefused() {
    assertThatThrownBy(() -> WorkingTime.parse("P1M")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> WorkingTime.parse("2 hours")).isInstanceOf(DateTimeParseException.class);
    assertThatThrownBy(() -> TeamCalendar.Hours.parse("17:00-09:00")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TeamCalendar.of(ZoneId.of("UTC"), Map.of(), Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
