package io.leadsla.team;

import io.leadsla.LeadSlaProperties;
import io.leadsla.clock.TeamCalendar;
import io.leadsla.clock.WorkingHours;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * The teams of {@code leadsla.teams}: which team serves a lead, each team's working calendar, its members'
 * weights and capacity. A group without an entry works {@code leadsla.working-hours} and serves every lead of
 * the role named like it.
 */
@Service
public class Teams {

  private final Map<String, LeadSlaProperties.Team> teams;
  private final Map<String, TeamCalendar> calendars = new LinkedHashMap<>();
  private final Map<DayOfWeek, TeamCalendar.Hours> defaultWeek = new EnumMap<>(DayOfWeek.class);
  private final TeamCalendar defaultCalendar;

  public Teams(LeadSlaProperties properties) {
    this.teams = new LinkedHashMap<>(properties.teams());
    WorkingHours hours = properties.workingHours();
    hours.days().forEach(day -> defaultWeek.put(day, new TeamCalendar.Hours(hours.opens(), hours.closes())));
    this.defaultCalendar = TeamCalendar.of(hours.zone(), defaultWeek, Set.of());
    teams.forEach((id, team) -> calendars.put(id, calendar(id, team)));
    teams.forEach((id, team) -> {
      if (team.afterHoursTeam() != null && !teams.containsKey(team.afterHoursTeam())) {
        throw new IllegalStateException("leadsla.teams." + id + ".after-hours-team '" + team.afterHoursTeam()
            + "' is not a team");
      }
    });
  }

  /** The team's own hours, zone and holidays; what it leaves out comes from leadsla.working-hours. */
  private TeamCalendar calendar(String id, LeadSlaProperties.Team team) {
    Map<DayOfWeek, TeamCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
    if (team.hours().isEmpty()) {
      week.putAll(defaultWeek);
    }
    team.hours().forEach((day, text) -> week.put(day, TeamCalendar.Hours.parse(text)));
    return TeamCalendar.of(team.zone() == null ? defaultCalendar.zone() : team.zone(), week,
        new HashSet<>(team.holidays()));
  }

  /**
   * Every team a lead can be routed to: the configured ones, and the groups named like a role that serve every
   * lead of it where no team of that role is configured.
   */
  public List<String> ids(List<String> roles) {
    List<String> ids = new ArrayList<>(teams.keySet());
    roles.stream().filter(role -> !ids.contains(role)).forEach(ids::add);
    return ids;
  }

  /** The working calendar of a team (a Camunda group). */
  public TeamCalendar calendarOf(String group) {
    return calendars.getOrDefault(group, defaultCalendar);
  }

  /**
   * The team that serves a lead in a role: the first configured team of that role whose regions and sources
   * match (empty lists match every lead), or the group named like the role. A team that is off hands new leads
   * to its after-hours team if that one is at work.
   */
  public String teamFor(String role, String region, String source, Instant now) {
    Optional<String> match = teams.entrySet().stream()
        .filter(e -> role.equals(e.getValue().role() == null ? e.getKey() : e.getValue().role()))
        .filter(e -> matches(e.getValue().regions(), region) && matches(e.getValue().sources(), source))
        .map(Map.Entry::getKey)
        .findFirst();
    String team = match.orElse(role);
    LeadSlaProperties.Team config = teams.get(team);
    if (config != null && config.afterHoursTeam() != null && !calendarOf(team).isWorking(now)
        && calendarOf(config.afterHoursTeam()).isWorking(now)) {
      return config.afterHoursTeam();
    }
    return team;
  }

  /** A member's weight in the rotation (default 1). */
  public int weightOf(String group, String user) {
    LeadSlaProperties.Team team = teams.get(group);
    Integer weight = team == null ? null : team.weights().get(user);
    return weight == null ? 1 : Math.max(0, weight);
  }

  /** The most open leads a member of the team may hold, or empty for no cap. */
  public Optional<Integer> maxOpenLeads(String group) {
    LeadSlaProperties.Team team = teams.get(group);
    return team == null ? Optional.empty() : Optional.ofNullable(team.maxOpenLeads());
  }

  private static boolean matches(List<String> allowed, String value) {
    return allowed.isEmpty() || (value != null && allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value)));
  }
}
