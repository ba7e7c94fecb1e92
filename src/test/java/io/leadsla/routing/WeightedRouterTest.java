package io.leadsla.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.ProcessTest;
import io.leadsla.team.TeamDirectory;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Weighted round robin over a team (see the test teams in {@link ProcessTest}: "weighted" ann 3, bob 1, cid 2;
 * "capped" at 2 open leads per member). Other tests use a fresh group with weight 1 each.
 */
@ProcessTest
class WeightedRouterTest {

  @Autowired WeightedRouter router;
  @Autowired IdentityService identityService;
  @Autowired TeamDirectory directory;
  @Autowired TransactionTemplate transaction;
  @Autowired JdbcTemplate jdbc;

  /** A team of ann, bob and cid (user ids prefixed with the team), fresh in the rotation. */
  String team(String name) {
    if (identityService.createGroupQuery().groupId(name).count() == 0) {
      identityService.saveGroup(identityService.newGroup(name));
      for (String member : List.of("ann", "bob", "cid")) {
        identityService.saveUser(identityService.newUser(name + member));
        identityService.createMembership(name + member, name);
      }
    }
    jdbc.update("DELETE FROM routing_credit WHERE group_id = ?", name);
    jdbc.update("DELETE FROM lead_assignment WHERE team = ?", name);
    return name;
  }

  Optional<String> pick(String team, Set<String> excluded) {
    return router.next(team, excluded, new Assignment("L-test", 1, "response", null, "test", Assignment.Kind.FIRST))
        .map(member -> member.substring(team.length()));
  }

  String pick(String team) {
    return pick(team, Set.of()).orElseThrow();
  }

  @Test
  void equalWeightsTakeTurnsInOrder() {
    String team = team("rr" + System.nanoTime());
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(pick(team));
    }
    assertThat(picks).containsExactly("ann", "bob", "cid", "ann", "bob", "cid");
  }

  @Test
  void aReassignmentSkipsTheCurrentOwnerWhoKeepsTheirClaim() {
    String team = team("rr" + System.nanoTime());
    assertThat(pick(team)).isEqualTo("ann");
    // bob's turn, but bob is the owner being replaced: cid takes it, and bob is owed the next lead
    assertThat(pick(team, Set.of(team + "bob"))).contains("cid");
    assertThat(pick(team)).isEqualTo("bob");
  }

  @Test
  void weightsAreRespectedOverTenThousandAssignments() {
    String team = team("weighted");
    Map<String, Long> perMember = new HashMap<>();
    for (int i = 0; i < 10_000; i++) {
      perMember.merge(pick(team), 1L, Long::sum);
    }
    // weights 3 : 1 : 2; smooth weighted round robin is exact to within one lead
    assertThat(perMember.get("ann")).isBetween(4999L, 5001L);
    assertThat(perMember.get("bob")).isBetween(1666L, 1668L);
    assertThat(perMember.get("cid")).isBetween(3333L, 3334L);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_assignment WHERE team = ?", Long.class, team))
        .isEqualTo(10_000L);
  }

  /**
   * A pick as a lead start makes it: in one transaction, the pick and the cycle it gives its owner (what
   * LeadRouting does), so the cap counts the lead from the moment both commit.
   */
  Optional<String> pickAndOwn(String team, String leadId) {
    return transaction.execute(status -> {
      Optional<String> owner = router.next(team, Set.of(), new Assignment(leadId, 1, "response", null, "test", Assignment.Kind.FIRST));
      jdbc.update("INSERT INTO lead (id, email, name, source, score, consent, created_at, updated_at) VALUES "
          + "(?, ?, 'Capped', 'webinar', 1, FALSE, ?, ?)", leadId, leadId + "@example.org", now(), now());
      jdbc.update("INSERT INTO lead_cycle (lead_id, cycle, process_instance_id, source, started_at, owner) "
          + "VALUES (?, 1, 'pi', 'webinar', ?, ?)", leadId, now(), owner.orElse(null));
      return owner.map(member -> member.substring(team.length()));
    });
  }

  void forgetCappedLeads() {
    jdbc.update("DELETE FROM lead_cycle WHERE lead_id LIKE 'L-capped-%'");
    jdbc.update("DELETE FROM lead WHERE id LIKE 'L-capped-%'");
  }

  @Test
  void capsAreNeverExceededAndAFullTeamSendsTheLeadToTheQueue() {
    String team = team("capped");
    try {
      List<String> picks = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        picks.add(pickAndOwn(team, "L-capped-" + i).orElseThrow());
      }
      assertThat(picks).containsExactlyInAnyOrder("ann", "ann", "bob", "bob", "cid", "cid");

      assertThat(pickAndOwn(team, "L-capped-6")).as("everyone holds 2 open leads").isEmpty();
      assertThat(jdbc.queryForObject("SELECT reason FROM lead_assignment WHERE team = ? AND to_owner IS NULL",
          String.class, team)).endsWith("nobody in capped is free: team queue");

      // one of bob's leads ended: bob has room again
      jdbc.update("UPDATE lead_cycle SET ended_at = ? WHERE lead_id = (SELECT MIN(lead_id) FROM lead_cycle "
          + "WHERE owner = ? AND ended_at IS NULL)", now(), team + "bob");
      assertThat(pickAndOwn(team, "L-capped-7")).contains("bob");
    } finally {
      forgetCappedLeads();
    }
  }

  @Test
  void parallelLeadStartsNeverExceedACap() throws Exception {
    String team = team("capped");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Optional<String>>> picks = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String leadId = "L-capped-p" + i;
        picks.add(pool.submit(() -> pickAndOwn(team, leadId)));
      }
      List<String> owners = new ArrayList<>();
      for (Future<Optional<String>> pick : picks) {
        pick.get().ifPresent(owners::add);
      }
      // three members, two open leads each: six leads get an owner, six wait in the team queue
      assertThat(owners).containsExactlyInAnyOrder("ann", "ann", "bob", "bob", "cid", "cid");
    } finally {
      pool.shutdown();
      forgetCappedLeads();
    }
  }

  @Test
  void awayMembersAreSkipped() {
    String team = team("rr" + System.nanoTime());
    directory.setAway(team + "bob", true);

    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(pick(team));
    }

    assertThat(picks).containsExactly("ann", "cid", "ann", "cid", "ann", "cid");
    assertThat(pick(team, Set.of(team + "ann", team + "cid"))).isEmpty();
    assertThat(router.next("no-such-group", Set.of(), new Assignment("L-x", 1, "response", null, "test",
        Assignment.Kind.FIRST))).isEmpty();
  }

  /** A pick that waited for the team's lock sees who went away meanwhile, and so does the rest of its job. */
  @Test
  void aRepMarkedAwayWhileAPickWaitsForTheLockGetsNoLead() throws Exception {
    String team = team("rr" + System.nanoTime());
    assertThat(pick(team)).isEqualTo("ann");   // the team's lock row exists from here on
    java.util.concurrent.CountDownLatch firstPicked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Optional<String>> first = pool.submit(() -> transaction.execute(status -> {
        Optional<String> owner = pick(team, Set.of());
        firstPicked.countDown();
        await(release);   // the first job goes on, holding the team's lock
        return owner;
      }));
      firstPicked.await();
      Thread[] waiting = new Thread[1];
      Future<String> second = pool.submit(() -> transaction.execute(status -> {
        waiting[0] = Thread.currentThread();
        String owner = pick(team, Set.of()).orElseThrow();
        return owner + (directory.isAway(team + owner) ? " (away)" : "");
      }));
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> waiting[0] != null
          && waiting[0].getState() != Thread.State.RUNNABLE);
      directory.setAway(team + "cid", true);   // cid's turn is next, but cid just went out
      release.countDown();

      assertThat(first.get()).contains("bob");
      assertThat(second.get()).isEqualTo("ann");
    } finally {
      release.countDown();
      pool.shutdown();
    }
  }

  private static void await(java.util.concurrent.CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A manager's own pick goes outside the rotation: the picked rep gets it, the turns stay as they were. */
  @Test
  void aManagersPickGivesTheLeadToThatRepAndLeavesTheRotationAlone() {
    String team = team("rr" + System.nanoTime());
    assertThat(pick(team)).isEqualTo("ann");
    Assignment taken = new Assignment("L-pick", 1, "response", team + "ann", "picked by a manager",
        Assignment.Kind.REASSIGNED);

    List<java.util.Map<String, Object>> credits = jdbc.queryForList(
        "SELECT user_id, credit FROM routing_credit WHERE group_id = ? ORDER BY user_id", team);
    assertThat(router.give(team, team + "cid", taken)).isTrue();
    assertThat(jdbc.queryForList("SELECT user_id, credit FROM routing_credit WHERE group_id = ? ORDER BY user_id",
        team)).as("nobody's credit changed").isEqualTo(credits);
    assertThat(router.give(team, team + "ann", taken)).as("not back to the owner it was taken from").isFalse();
    directory.setAway(team + "bob", true);
    assertThat(router.give(team, team + "bob", taken)).as("not to a rep who is away").isFalse();
    assertThat(router.available(team, Set.of(team + "ann"))).containsExactly(team + "cid");
    directory.setAway(team + "bob", false);

    assertThat(pick(team)).as("the rotation goes on where it was").isEqualTo("bob");
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_assignment WHERE team = ? AND to_owner = ? "
        + "AND kind = 'reassigned'", Long.class, team, team + "cid")).isEqualTo(1);
  }

  @Test
  void parallelAssignmentsInsideLongTransactionsNeitherRepeatNorSkipASlot() throws Exception {
    String team = team("rr" + System.nanoTime());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> picks = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // each pick inside a surrounding transaction, as in a lead start
      picks.add(pool.submit(() -> transaction.execute(status -> pick(team))));
    }
    List<String> owners = Collections.synchronizedList(new ArrayList<>());
    for (Future<String> pick : picks) {
      owners.add(pick.get());
    }
    pool.shutdown();

    Map<String, Long> perMember = owners.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(perMember).containsOnly(Map.entry("ann", 100L), Map.entry("bob", 100L), Map.entry("cid", 100L));
  }

  static Timestamp now() {
    return Timestamp.from(Instant.now());
  }
}
