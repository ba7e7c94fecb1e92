package io.leadsla.routing;

import io.leadsla.OwnTransaction;
import io.leadsla.team.TeamDirectory;
import io.leadsla.team.Teams;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Picks the member of a team who gets a lead: smooth weighted round robin over the members who are in (not away),
 * below their cap of open leads and not excluded (the owner a lead is taken from). Each eligible member gains
 * their weight in credit, the richest wins and pays the total back, so over time everyone gets leads in
 * proportion to their weight and a member who was skipped keeps their claim.
 *
 * <p>The pick runs in a short transaction of its own under the team's row lock in {@code routing_cursor} and
 * records the assignment in the same transaction: two nodes never hand out the same slot, and a pick whose lead
 * start has not committed yet already counts against the member's cap.
 */
@Service
public class WeightedRouter {

  /** A pick whose lead start has not committed within this time is taken to have failed. */
  static final Duration IN_FLIGHT = Duration.ofMinutes(5);

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final TeamDirectory directory;
  private final Teams teams;
  private final OwnTransaction ownTransaction;

  WeightedRouter(JdbcTemplate jdbc, TeamDirectory directory, Teams teams, OwnTransaction ownTransaction) {
    this.jdbc = jdbc;
    this.named = new NamedParameterJdbcTemplate(jdbc);
    this.directory = directory;
    this.teams = teams;
    this.ownTransaction = ownTransaction;
  }

  /** The member who gets the lead, or empty when nobody in the team is free (the lead goes to the team queue). */
  public Optional<String> next(String team, Set<String> excluded, Assignment assignment) {
    List<String> members = directory.membersOf(team);
    return ownTransaction.call(() -> {
      lockTeam(team);
      Instant now = ClockUtil.getCurrentTime().toInstant();
      List<String> eligible = eligible(team, members, excluded, now);
      Optional<String> winner = eligible.isEmpty() ? Optional.empty() : Optional.of(award(team, eligible));
      jdbc.update("INSERT INTO lead_assignment (lead_id, cycle, stage, team, from_owner, to_owner, reason, assigned_at) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          assignment.leadId(), assignment.cycle(), assignment.stage(), team, assignment.fromOwner(),
          winner.orElse(null), winner.isPresent() ? assignment.reason()
              : assignment.reason() + "; nobody in " + team + " is free: team queue",
          Timestamp.from(now));
      return winner;
    });
  }

  private List<String> eligible(String team, List<String> members, Set<String> excluded, Instant now) {
    List<String> candidates = members.stream()
        .filter(member -> !excluded.contains(member) && teams.weightOf(team, member) > 0 && !directory.isAway(member))
        .toList();
    Optional<Integer> cap = teams.maxOpenLeads(team);
    if (cap.isEmpty() || candidates.isEmpty()) {
      return candidates;
    }
    Map<String, Integer> open = openLeads(team, candidates, now);
    return candidates.stream().filter(member -> open.getOrDefault(member, 0) < cap.get()).toList();
  }

  /** Open cycles each member owns, plus picks of the last minutes whose lead start has not committed yet. */
  private Map<String, Integer> openLeads(String team, List<String> members, Instant now) {
    Map<String, Integer> open = new HashMap<>();
    MapSqlParameterSource params = new MapSqlParameterSource("members", members).addValue("team", team)
        .addValue("since", Timestamp.from(now.minus(IN_FLIGHT)));
    named.query("SELECT owner, COUNT(*) AS n FROM lead_cycle WHERE ended_at IS NULL AND owner IN (:members) "
        + "GROUP BY owner", params, rs -> {
          open.merge(rs.getString("owner"), rs.getInt("n"), Integer::sum);
        });
    named.query("SELECT a.to_owner, COUNT(*) AS n FROM lead_assignment a WHERE a.team = :team "
        + "AND a.to_owner IN (:members) AND a.assigned_at > :since AND NOT EXISTS (SELECT 1 FROM lead_cycle c "
        + "WHERE c.lead_id = a.lead_id AND c.cycle = a.cycle AND c.owner IS NOT NULL) GROUP BY a.to_owner",
        params, rs -> {
          open.merge(rs.getString("to_owner"), rs.getInt("n"), Integer::sum);
        });
    return open;
  }

  private String award(String team, List<String> eligible) {
    Map<String, Long> credit = new HashMap<>();
    jdbc.query("SELECT user_id, credit FROM routing_credit WHERE group_id = ?",
        rs -> {
          credit.put(rs.getString("user_id"), rs.getLong("credit"));
        }, team);
    long total = 0;
    String winner = null;
    List<String> changed = new ArrayList<>();
    for (String member : eligible) {   // in member order, so ties go to the first
      int weight = teams.weightOf(team, member);
      total += weight;
      credit.merge(member, (long) weight, Long::sum);
      changed.add(member);
      if (winner == null || credit.get(member) > credit.get(winner)) {
        winner = member;
      }
    }
    credit.merge(winner, -total, Long::sum);
    for (String member : changed) {
      long value = credit.get(member);
      if (jdbc.update("UPDATE routing_credit SET credit = ? WHERE group_id = ? AND user_id = ?", value, team, member) == 0) {
        jdbc.update("INSERT INTO routing_credit (group_id, user_id, credit) VALUES (?, ?, ?)", team, member, value);
      }
    }
    return winner;
  }

  /** Holds the team's row in routing_cursor until this pick commits. */
  private void lockTeam(String team) {
    if (jdbc.queryForList("SELECT group_id FROM routing_cursor WHERE group_id = ? FOR UPDATE", String.class, team)
        .isEmpty()) {
      try {
        ownTransaction.run(() -> jdbc.update("INSERT INTO routing_cursor (group_id, position) VALUES (?, 0)", team));
      } catch (DuplicateKeyException concurrentInsert) {
        // another node created it a moment ago
      }
      jdbc.queryForList("SELECT group_id FROM routing_cursor WHERE group_id = ? FOR UPDATE", String.class, team);
    }
  }
}
