package io.leadsla.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.timeline.TimelineEntry.Kind;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTextTest {

  static final Instant ARRIVED = Instant.parse("2026-03-02T19:58:00Z");

  @Test
  void oneLinePerEntryIn24HourTimeWithTheZoneNamed() {
    String text = TimelineText.of(List.of(
        new TimelineEntry(ARRIVED, 1, null, null, Kind.ARRIVED, "Arrived via form"),
        new TimelineEntry(ARRIVED, 1, "response", null, Kind.CLOCK_STARTED, "The response SLA clock started for sam",
            ARRIVED.plusSeconds(300)),
        new TimelineEntry(ARRIVED.plusSeconds(300), 1, "response", "sam", Kind.TOUCH, "phone, connected: wants a demo"),
        new TimelineEntry(ARRIVED.plusSeconds(600), 1, "qualification", "sam", Kind.PAUSED, "Paused: the clock waits",
            Instant.parse("2026-03-09T08:00:00Z"))), ZoneId.of("Europe/Berlin"));

    assertThat(text.lines()).containsExactly(
        "Mon 2 Mar 20:58 CET · cycle 1 · Arrived via form",
        "Mon 2 Mar 20:58 CET · cycle 1 · response · The response SLA clock started for sam, due Mon 2 Mar 21:03 CET",
        "Mon 2 Mar 21:03 CET · cycle 1 · response · sam: phone, connected: wants a demo",
        "Mon 2 Mar 21:08 CET · cycle 1 · qualification · sam: Paused: the clock waits, until Mon 9 Mar 09:00 CET");
  }

  @Test
  void aDeadlineSaysHowLongIsLeftOrHowLateItIs() {
    Instant deadline = Instant.parse("2026-03-03T09:05:00Z");
    ZoneId utc = ZoneId.of("UTC");
    assertThat(HumanTime.deadline(deadline, deadline.minusSeconds(4 * 60), utc)).isEqualTo("Tue 3 Mar 09:05 UTC, in 4 min");
    assertThat(HumanTime.deadline(deadline, deadline.plusSeconds(80 * 60), utc))
        .isEqualTo("Tue 3 Mar 09:05 UTC, overdue by 1 h 20 min");
    assertThat(HumanTime.deadline(deadline, deadline.minusSeconds(2 * 86400 + 3 * 3600), utc))
        .isEqualTo("Tue 3 Mar 09:05 UTC, in 2 days 3 h");
    assertThat(HumanTime.deadline(deadline, deadline.minusSeconds(20), utc)).isEqualTo("Tue 3 Mar 09:05 UTC, in 1 min");
  }

  @Test
  void aLeadWithNoHistoryYetSaysSo() {
    assertThat(TimelineText.of(List.of(), ZoneId.of("UTC"))).isEqualTo("Nothing yet.");
  }
}
