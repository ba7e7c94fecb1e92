package io.leadsla.routing;

import io.leadsla.InsertIfAbsent;
import io.leadsla.lead.LeadStore;
import io.leadsla.team.TeamDirectory;
import io.leadsla.team.Teams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Picks the member of a team who gets a lead: smooth weighted round robin over the members who are in (not away),
 * below their cap of open leads and not excluded (the owner a lead is taken from). Each eligible member gains
 * their weight in credit, the richest wins and pays the total back, so over time everyone gets leads in
 * proportion to their weight and a member who was skipped keeps their claim.
 *
 * <p>The pick runs in the caller's transaction (the job that moves the lead on) under the team's row lock in
 * {@code routing_lock} and records the assignment ({@link AssignmentLog}): two nodes never hand out the same slot,
 * and the pick counts against the member's cap from the moment it commits, together with the lead's owner.
 */
@Service
public class WeightedRouter {

  private final JdbcTemplate jdbc;
  private final TeamDirectory directory;
  private final Teams teams;
  private final InsertIfAbsent insertIfAbsent;

  private final AssignmentLog assignments;
  private final LeadStore leads;

  WeightedRouter(JdbcTemplate jdbc, TeamDirectory directory, Teams teams, InsertIfAbsent insertIfAbsent,
      AssignmentLog assignments, LeadStore leads) {
    this.assignments = assignments;
    this.leads = leads;
    this.jdbc = jdbc;
    this.directory = directory;
    this.teams = teams;
    this.insertIfAbsent = insertIfAbsent;
  }

  /** The member who gets the lead, or empty when nobody in the team is free (the lead goes to the team queue). */
  public Optional<String> next(String team, Set<String> excluded, Assignment assignment) {
    lockTeam(team);
    // who is away is read under the lock: a rep marked away while this pick waited for it gets no lead
    List<String> present = directory.presentMembersOf(team);
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<String> eligible = eligible(team, present, excluded);
    Optional<String> winner = eligible.isEmpty() ? Optional.empty() : Optional.of(award(team, eligible));
    assignments.record(assignment, team, winner.orElse(null), winner.isPresent() ? assignment.reason()
        : assignment.reason() + "; nobody in " + team + " is free: team queue", now);
    return winner;
  }

  /** Who may get a lead of the team now: in (not away), below their cap, not excluded; in member order. */
  public List<String> available(String team, Set<String> excluded) {
    return eligible(team, directory.presentMembersOf(team), excluded);
  }

  /**
   * A manager's own pick: the member gets the lead if they still may (checked under the team's lock, as the
   * rotation's picks are), outside the rotation: nobody's credit changes. False when they may not any more.
   */
  public boolean give(String team, String member, Assignment assignment) {
    Set<String> excluded = assignment.fromOwner() == null ? Set.of() : Set.of(assignment.fromOwner());
    lockTeam(team);
    List<String> present = directory.presentMembersOf(team);
    if (!eligible(team, present, excluded).contains(member)) {
      return false;
    }
    assignments.record(assignment, team, member, assignment.reason(), ClockUtil.getCurrentTime().toInstant());
    return true;
  }

  /** Of the members who are in (not away): those with a weight, below their cap, not excluded. */
  private List<String> eligible(String team, List<String> present, Set<String> excluded) {
    List<String> candidates = present.stream()
        .filter(member -> !excluded.contains(member) && teams.weightOf(team, member) > 0)
        .toList();
    Optional<Integer> cap = teams.maxOpenLeads(team);
    if (cap.isEmpty() || candidates.isEmpty()) {
      return candidates;
    }
    Map<String, Integer> open = openLeads(candidates);
    return candidates.stream().filter(member -> open.getOrDefault(member, 0) < cap.get()).toList();
  }

  /** Open cycles each member owns; picks made by other nodes are counted once they commit, under the team lock. */
  private Map<String, Integer> openLeads(List<String> members) {
    return leads.openCyclesByOwner(members);
  }

  private String award(String team, List<String> eligible) {
    Map<String, Long> credit = new HashMap<>();
    jdbc.query("SELECT user_id, credit FROM routing_credit WHERE group_id = ?",
        rs -> {
          credit.put(rs.getString("user_id"), rs.getLong("credit"));
        }, team);
    Set<String> known = Set.copyOf(credit.keySet());
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
    // the members' new credits in one statement; a member new to the rotation gets a row
    List<String> stored = changed.stream().filter(known::contains).toList();
    if (!stored.isEmpty()) {
      StringBuilder sql = new StringBuilder("UPDATE routing_credit SET credit = CASE user_id");
      List<Object> args = new ArrayList<>();
      for (String member : stored) {
        sql.append(" WHEN ? THEN ?");
        args.add(member);
        args.add(credit.get(member));
      }
      sql.append(" END WHERE group_id = ? AND user_id IN (").append(String.join(", ",
          Collections.nCopies(stored.size(), "?"))).append(")");
      args.add(team);
      args.addAll(stored);
      jdbc.update(sql.toString(), args.toArray());
    }
    for (String member : changed) {
      if (!known.contains(member)) {
        jdbc.update("INSERT INTO routing_credit (group_id, user_id, credit) VALUES (?, ?, ?)", team, member,
            credit.get(member));
      }
    }
    return winner;
  }

  /** Holds the team's row in routing_lock until this pick commits. */
  private void lockTeam(String team) {
    if (jdbc.queryForList("SELECT group_id FROM routing_lock WHERE group_id = ? FOR UPDATE", String.class, team)
        .isEmpty()) {
      // false: another node created it a moment ago
      insertIfAbsent.insert("INSERT INTO routing_lock (group_id) VALUES (?)", team);
      jdbc.queryForList("SELECT group_id FROM routing_lock WHERE group_id = ? FOR UPDATE", String.class, team);
    }
  }
}
