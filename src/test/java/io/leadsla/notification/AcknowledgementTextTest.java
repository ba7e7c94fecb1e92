package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.clock.TeamCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcknowledgementTextTest {

  static final TeamCalendar BERLIN = TeamCalendar.of(ZoneId.of("Europe/Berlin"), EnumSet.range(DayOfWeek.MONDAY,
      DayOfWeek.FRIDAY).stream().collect(Collectors.toMap(day -> day, day -> new TeamCalendar.Hours(LocalTime.of(9, 0),
      LocalTime.of(17, 0)))), Set.of());

  /** A 5-minute round-the-clock SLA: the lead is told the rep's deadline, which counts from the team's opening. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // arrival (UTC),        what the lead is told
      "2026-03-02T08:30:00Z, 'Sam from our sales team will get in touch with you within 5 minutes (by 09:35 Europe/Berlin)'",   // Monday 09:30 in Berlin
      "2026-03-02T16:30:00Z, 'outside our working hours. Sam from our sales team will call you when we are back, by Tuesday 3 March 09:05 (Europe/Berlin)'",   // Monday 17:30
      "2026-03-06T15:59:00Z, 'within 5 minutes (by 17:04 Europe/Berlin)'",                // Friday 16:59
      "2026-03-06T16:00:00Z, 'when we are back, by Monday 9 March 09:05 (Europe/Berlin)'",    // Friday 17:00
      "2026-03-02T07:00:00Z, 'when we are back, by Monday 2 March 09:05 (Europe/Berlin)'",    // Monday 08:00
      "2026-03-29T00:30:00Z, 'when we are back, by Monday 30 March 09:05 (Europe/Berlin)'",   // DST Sunday
  })
  void theLeadIsToldTheRepsDeadline(Instant arrivedAt, String expected) {
    Instant deadline = BERLIN.nextWorkingMoment(arrivedAt).plus(Duration.ofMinutes(5));
    assertThat(AcknowledgementText.when("Sam", arrivedAt, Duration.ofMinutes(5), deadline, BERLIN)).contains(expected);
  }

  @Test
  void aBusinessClockThatRunsPastClosingNamesTheDay() {
    // Monday 16:30 in Berlin, 1 working hour: due Tuesday 09:30
    assertThat(AcknowledgementText.when("Sam", Instant.parse("2026-03-02T15:30:00Z"), Duration.ofHours(1),
        Instant.parse("2026-03-03T08:30:00Z"), BERLIN))
        .isEqualTo("Sam from our sales team will get in touch with you by Tuesday 3 March 09:30 (Europe/Berlin).");
  }

  @Test
  void withoutAnOwnerNameTheTeamIsNamed() {
    assertThat(AcknowledgementText.when(null, Instant.parse("2026-03-02T08:30:00Z"), Duration.ofHours(2),
        Instant.parse("2026-03-02T10:30:00Z"), BERLIN))
        .contains("Someone from our sales team will get in touch with you within 2 hours");
  }

  @Test
  void durationsReadLikeSpeech() {
    assertThat(AcknowledgementText.humanized(Duration.parse("PT5M"))).isEqualTo("5 minutes");
    assertThat(AcknowledgementText.humanized(Duration.parse("PT1H"))).isEqualTo("1 hour");
    assertThat(AcknowledgementText.humanized(Duration.parse("PT4H30M"))).isEqualTo("4 hours 30 minutes");
    assertThat(AcknowledgementText.humanized(Duration.parse("P2D"))).isEqualTo("2 days");
  }

  @Test
  void aNameWithLineBreaksCannotAddAHeader() {
    assertThat(AcknowledgementText.subject("Jo\r\nBcc: x@evil.example")).isEqualTo(
        "Thank you for getting in touch, Jo Bcc: x@evil.example");
  }
}
