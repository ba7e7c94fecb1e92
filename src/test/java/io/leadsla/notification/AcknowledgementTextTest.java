package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.clock.WorkingHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcknowledgementTextTest {

  static final WorkingHours BERLIN = new WorkingHours(ZoneId.of("Europe/Berlin"),
      EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      // arrival (UTC),        what the lead is told
      "2026-03-02T08:30:00Z, 'within 5 minutes (by 09:35 Europe/Berlin)'",                // Monday 09:30 in Berlin
      "2026-03-02T16:30:00Z, 'when we are back: Tuesday 3 March from 09:00 (Europe/Berlin)'",   // Monday 17:30
      "2026-03-06T15:59:00Z, 'within 5 minutes (by 17:04 Europe/Berlin)'",                // Friday 16:59
      "2026-03-06T16:00:00Z, 'when we are back: Monday 9 March from 09:00 (Europe/Berlin)'",    // Friday 17:00
      "2026-03-02T07:00:00Z, 'when we are back: Monday 2 March from 09:00 (Europe/Berlin)'",    // Monday 08:00
      "2026-03-29T00:30:00Z, 'when we are back: Monday 30 March from 09:00 (Europe/Berlin)'",   // DST Sunday
  })
  void theLeadIsToldWhenToExpectACall(Instant arrivedAt, String expected) {
    assertThat(AcknowledgementText.when("Sam", arrivedAt, Duration.ofMinutes(5), arrivedAt.plus(Duration.ofMinutes(5)),
        BERLIN)).contains(expected);
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
