package io.leadsla.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.ProcessTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

@ProcessTest
class RoundRobinRouterTest {

  @Autowired RoundRobinRouter router;
  @Autowired IdentityService identityService;
  @Autowired TransactionTemplate transaction;
  String group;

  @BeforeEach
  void groupOfThree() {
    group = "rr" + System.nanoTime();
    Group created = identityService.newGroup(group);
    identityService.saveGroup(created);
    for (String member : List.of("ann", "bob", "cid")) {
      String user = member + group;
      identityService.saveUser(identityService.newUser(user));
      identityService.createMembership(user, group);
    }
  }

  @Test
  void membersTakeTurnsInOrder() {
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(router.next(group, Set.of()).orElseThrow().replace(group, ""));
    }
    assertThat(picks).containsExactly("ann", "bob", "cid", "ann", "bob", "cid");
  }

  @Test
  void aReassignmentSkipsTheCurrentOwnerWhoKeepsTheirTurn() {
    assertThat(router.next(group, Set.of()).orElseThrow()).isEqualTo("ann" + group);
    // bob's turn, but bob is the owner being replaced: cid takes it, bob is next in line again afterwards
    assertThat(router.next(group, Set.of("bob" + group)).orElseThrow()).isEqualTo("cid" + group);
    assertThat(router.next(group, Set.of()).orElseThrow()).isEqualTo("ann" + group);
  }

  @Test
  void nobodyIsLeftWhenTheOnlyMemberIsExcluded() {
    assertThat(router.next(group, Set.of("ann" + group, "bob" + group, "cid" + group))).isEmpty();
    assertThat(router.next("no-such-group", Set.of())).isEmpty();
  }

  @Test
  void parallelAssignmentsInsideLongTransactionsNeitherRepeatNorSkipASlot() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> picks = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // each pick inside a surrounding transaction, as in a lead start
      picks.add(pool.submit(() -> transaction.execute(status -> router.next(group, Set.of()).orElseThrow())));
    }
    List<String> owners = Collections.synchronizedList(new ArrayList<>());
    for (Future<String> pick : picks) {
      owners.add(pick.get());
    }
    pool.shutdown();

    Map<String, Long> perMember = owners.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(perMember).containsOnly(
        Map.entry("ann" + group, 100L), Map.entry("bob" + group, 100L), Map.entry("cid" + group, 100L));
  }
}
