package io.leadsla.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadsla.LeadSlaProperties;
import io.leadsla.clock.WorkingHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which team serves a lead: territory, source, the after-hours team; and each team's calendar. */
class TeamsTest {

  static LeadSlaProperties.Team team(String role, String zone, List<String> regions, List<String> sources,
      String afterHours) {
    return new LeadSlaProperties.Team(role, zone == null ? null : ZoneId.of(zone), Map.of(),
        List.of(LocalDate.of(2026, 12, 25)), regions, sources, afterHours, null, Map.of("sam", 2, "sol", 0), null);
  }

  static Teams teams(Map<String, LeadSlaProperties.Team> teams) {
    WorkingHours hours = new WorkingHours(ZoneId.of("UTC"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
        LocalTime.of(9, 0), LocalTime.of(17, 0));
    return new Teams(new LeadSlaProperties(null, null, null, null, hours, null, null, teams));
  }

  final Teams teams = teams(new LinkedHashMap<>(Map.of(
      "sdr-dach", team("sdr", "Europe/Berlin", List.of("DE", "AT", "CH"), List.of(), "sdr-us"),
      "sdr-us", team("sdr", "America/New_York", List.of("US", "CA"), List.of(), null),
      "partners", team("sdr", null, List.of(), List.of("referral"), null))));

  static final Instant MONDAY_NOON_BERLIN = Instant.parse("2026-03-02T11:00:00Z");
  static final Instant MONDAY_EVENING_BERLIN = Instant.parse("2026-03-02T19:00:00Z");   // 14:00 in New York

  @Test
  void leadsGoToTheTeamOfTheirRegionOrSource() {
    assertThat(teams.teamFor("sdr", "DE", "webinar", MONDAY_NOON_BERLIN)).isEqualTo("sdr-dach");
    assertThat(teams.teamFor("sdr", "us", "webinar", MONDAY_NOON_BERLIN)).isEqualTo("sdr-us");
    assertThat(teams.teamFor("sdr", null, "referral", MONDAY_NOON_BERLIN)).isEqualTo("partners");
    assertThat(teams.teamFor("sdr", "FR", "webinar", MONDAY_NOON_BERLIN)).as("nobody's territory").isEqualTo("sdr");
    assertThat(teams.teamFor("ae", "DE", "webinar", MONDAY_NOON_BERLIN)).isEqualTo("ae");
  }

  @Test
  void aTeamThatIsOffHandsNewLeadsToItsAfterHoursTeamWhileThatOneWorks() {
    assertThat(teams.teamFor("sdr", "DE", "webinar", MONDAY_EVENING_BERLIN)).isEqualTo("sdr-us");
    // Saturday: both teams are off, the lead stays with its own team and waits for Monday
    assertThat(teams.teamFor("sdr", "DE", "webinar", Instant.parse("2026-03-07T12:00:00Z"))).isEqualTo("sdr-dach");
  }

  @Test
  void calendarsWeightsAndBadConfiguration() {
    assertThat(teams.calendarOf("sdr-dach").zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(teams.calendarOf("sdr-dach").isWorking(Instant.parse("2026-12-25T10:00:00Z"))).as("holiday").isFalse();
    assertThat(teams.calendarOf("partners").zone()).as("default zone").isEqualTo(ZoneId.of("UTC"));
    assertThat(teams.calendarOf("unknown").isWorking(MONDAY_NOON_BERLIN)).isTrue();
    assertThat(teams.weightOf("sdr-dach", "sam")).isEqualTo(2);
    assertThat(teams.weightOf("sdr-dach", "sol")).as("weight 0: takes no new leads").isZero();
    assertThat(teams.weightOf("sdr-dach", "sara")).isEqualTo(1);
    assertThatThrownBy(() -> teams(Map.of("x", team("sdr", null, List.of(), List.of(), "nowhere"))))
        .hasMessageContaining("after-hours-team 'nowhere' is not a team");
  }
}
