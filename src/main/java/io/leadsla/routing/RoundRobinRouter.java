package io.leadsla.routing;

import io.leadsla.team.TeamDirectory;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Hands out a group's members in turn. The position lives in {@code routing_cursor} and is locked for the
 * transaction, so two cluster nodes assigning at once queue behind each other instead of picking the same rep.
 */
@Service
public class RoundRobinRouter {

  private final JdbcTemplate jdbc;
  private final TeamDirectory directory;

  RoundRobinRouter(JdbcTemplate jdbc, TeamDirectory directory) {
    this.jdbc = jdbc;
    this.directory = directory;
  }

  /** The next member after the last one assigned, skipping {@code excluded}; empty when nobody else is left. */
  public Optional<String> next(String groupId, Set<String> excluded) {
    List<String> members = directory.membersOf(groupId);
    String last = lockCursor(groupId);
    int start = last == null ? 0 : firstAfter(members, last);
    for (int i = 0; i < members.size(); i++) {
      String candidate = members.get((start + i) % members.size());
      if (!excluded.contains(candidate)) {
        jdbc.update("UPDATE routing_cursor SET last_assignee = ? WHERE group_id = ?", candidate, groupId);
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Index of the first member sorted after {@code last}; works even if {@code last} left the group. */
  private static int firstAfter(List<String> members, String last) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).compareTo(last) > 0) {
        return i;
      }
    }
    return 0;
  }

  private String lockCursor(String groupId) {
    List<String> rows = selectForUpdate(groupId);
    if (rows.isEmpty()) {
      try {
        jdbc.update("INSERT INTO routing_cursor (group_id, last_assignee) VALUES (?, NULL)", groupId);
      } catch (DuplicateKeyException concurrentInsert) {
        // another node created the row first; lock theirs
      }
      rows = selectForUpdate(groupId);
    }
    return rows.get(0);
  }

  private List<String> selectForUpdate(String groupId) {
    return jdbc.query("SELECT last_assignee FROM routing_cursor WHERE group_id = ? FOR UPDATE",
        (rs, i) -> rs.getString(1), groupId);
  }
}
