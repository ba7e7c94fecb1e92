package io.leadsla.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.LeadSlaProperties;
import io.leadsla.team.TeamDirectory;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who gets which mail, from a small team: sdr = sam, sara, sol; managers = maria, mike; executives = eve. */
class NotificationRecipientsTest {

  static class Team implements TeamDirectory {
    final Map<String, List<String>> groups = Map.of(
        "sdr", List.of("sam", "sara", "sol"), "sales-managers", List.of("maria", "mike"), "executives", List.of("eve"));
    final Set<String> away = new HashSet<>();
    final Map<String, ZoneId> zones = new HashMap<>();

    @Override public List<String> membersOf(String groupId) { return groups.getOrDefault(groupId, List.of()); }
    @Override public List<String> presentMembersOf(String groupId) {
      return membersOf(groupId).stream().filter(member -> !away.contains(member)).toList();
    }
    final Set<String> withoutAddress = new HashSet<>(Set.of("sol"));   // sol has no address

    @Override public Optional<String> emailOf(String userId) {
      return withoutAddress.contains(userId) ? Optional.empty() : Optional.of(userId + "@example.com");
    }
    @Override public Optional<String> firstNameOf(String userId) { return Optional.of(userId); }
    @Override public Optional<String> fullNameOf(String userId) { return Optional.of(userId); }
    @Override public Optional<ZoneId> timeZoneOf(String userId) { return Optional.ofNullable(zones.get(userId)); }
    @Override public boolean isAway(String userId) { return away.contains(userId); }
    @Override public void setAway(String userId, boolean isAway) { if (isAway) away.add(userId); else away.remove(userId); }
  }

  final Team team = new Team();

  NotificationRecipients recipients(Map<String, String> managers) {
    return new NotificationRecipients(team, new LeadSlaProperties("http://x", new LeadSlaProperties.Mail("a@b.c",
        ZoneId.of("UTC"), null), null, null, null, new LeadSlaProperties.Notification(managers, null), null, null));
  }

  List<String> emails(List<Recipient> to) {
    return to.stream().map(Recipient::email).toList();
  }

  @Test
  void alertsAndWarningsGoToTheOwnerInTheirOwnTimeZone() {
    team.zones.put("sam", ZoneId.of("Europe/Berlin"));

    List<Recipient> to = recipients(Map.of()).of(NotificationKind.WARNING, "sam", "sdr");

    assertThat(to).containsExactly(new Recipient("sam", "sam@example.com", ZoneId.of("Europe/Berlin")));
  }

  @Test
  void anAwayOwnersAlertGoesToTheRestOfTheTeamWhoAreIn() {
    team.setAway("sam", true);
    team.setAway("sara", false);

    assertThat(emails(recipients(Map.of()).of(NotificationKind.ALERT, "sam", "sdr")))
        .containsExactly("sara@example.com");   // sol is in the team but has no address
  }

  @Test
  void whenTheWholeTeamIsAwayTheManagersHear() {
    team.setAway("sam", true);
    team.setAway("sara", true);
    team.setAway("sol", true);

    assertThat(emails(recipients(Map.of("sdr", "mike")).of(NotificationKind.ALERT, "sam", "sdr")))
        .containsExactly("mike@example.com");
  }

  @Test
  void aMissedSlaGoesToTheOwnerAndTheirManagerByUserThenGroupThenAllManagers() {
    Map<String, String> managers = Map.of("sam", "maria", "sdr", "mike");

    assertThat(emails(recipients(managers).of(NotificationKind.BREACH, "sam", "sdr")))
        .containsExactly("sam@example.com", "maria@example.com");
    assertThat(emails(recipients(managers).of(NotificationKind.BREACH, "sara", "sdr")))
        .containsExactly("sara@example.com", "mike@example.com");
    assertThat(emails(recipients(Map.of()).of(NotificationKind.BREACH, "sara", "sdr")))
        .containsExactly("sara@example.com", "maria@example.com", "mike@example.com");
  }

  @Test
  void escalationsGoToTheExecutives() {
    assertThat(emails(recipients(Map.of()).of(NotificationKind.ESCALATION, "sam", "sdr")))
        .containsExactly("eve@example.com");
  }

  @Test
  void anAlertForAnOwnerWithoutAnAddressGoesToTheirManager() {
    assertThat(emails(recipients(Map.of("sol", "mike")).of(NotificationKind.ALERT, "sol", "sdr")))
        .containsExactly("mike@example.com");
    assertThat(emails(recipients(Map.of()).of(NotificationKind.WARNING, "sol", "sdr")))
        .as("no manager named: every sales manager").containsExactly("maria@example.com", "mike@example.com");
  }

  @Test
  void anEscalationWhenNoExecutiveHasAnAddressGoesToTheManagers() {
    team.withoutAddress.add("eve");

    assertThat(emails(recipients(Map.of("sdr", "mike")).of(NotificationKind.ESCALATION, "sam", "sdr")))
        .containsExactly("mike@example.com");
  }
}
