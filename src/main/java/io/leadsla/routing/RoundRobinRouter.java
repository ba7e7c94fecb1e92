package io.leadsla.routing;

import io.leadsla.OwnTransaction;
import io.leadsla.team.TeamDirectory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Hands out a group's members in turn. The position lives in {@code routing_cursor} and moves in a short
 * transaction of its own: the row lock lasts milliseconds instead of the whole lead start, so parallel intake is
 * not serialized, and two cluster nodes still never take the same slot. A lead start that fails afterwards
 * leaves its slot unused (the next rep in line is skipped once).
 */
@Service
public class RoundRobinRouter {

  private final JdbcTemplate jdbc;
  private final TeamDirectory directory;
  private final OwnTransaction ownTransaction;

  RoundRobinRouter(JdbcTemplate jdbc, TeamDirectory directory, OwnTransaction ownTransaction) {
    this.jdbc = jdbc;
    this.directory = directory;
    this.ownTransaction = ownTransaction;
  }

  /** The member in the next slot, skipping {@code excluded}; empty when nobody else is left. */
  public Optional<String> next(String groupId, Set<String> excluded) {
    List<String> members = directory.membersOf(groupId);
    List<String> eligible = members.stream().filter(member -> !excluded.contains(member)).toList();
    if (eligible.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(ownTransaction.call(() -> {
      long slot = takeSlot(groupId);
      // skipped members (e.g. the current owner) keep their place in the rotation
      for (int i = 0; ; i++) {
        String candidate = members.get((int) ((slot + i) % members.size()));
        if (!excluded.contains(candidate)) {
          if (i > 0) {
            jdbc.update("UPDATE routing_cursor SET position = position + ? WHERE group_id = ?", i, groupId);
          }
          return candidate;
        }
      }
    }));
  }

  /** Advances the group's position by one and returns the slot taken (0 for the very first). */
  private long takeSlot(String groupId) {
    if (jdbc.update("UPDATE routing_cursor SET position = position + 1 WHERE group_id = ?", groupId) == 0) {
      try {
        jdbc.update("INSERT INTO routing_cursor (group_id, position) VALUES (?, 1)", groupId);
        return 0;
      } catch (DuplicateKeyException concurrentInsert) {
        jdbc.update("UPDATE routing_cursor SET position = position + 1 WHERE group_id = ?", groupId);
      }
    }
    return jdbc.queryForObject("SELECT position FROM routing_cursor WHERE group_id = ?", Long.class, groupId) - 1;
  }
}
