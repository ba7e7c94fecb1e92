package io.leadsla.team;

import java.util.List;
import java.util.Optional;

/** Who is in which group and how to reach them. Managed in Camunda Admin. */
public interface TeamDirectory {

  /** Member ids of a group, sorted, so every node sees the same order. */
  List<String> membersOf(String groupId);

  Optional<String> emailOf(String userId);

  /** The user's first name as a lead would call them, e.g. in an acknowledgement mail. */
  Optional<String> firstNameOf(String userId);

  /** Email addresses of a group's members; members without an address are left out. */
  default List<String> emailsOf(String groupId) {
    return membersOf(groupId).stream().map(this::emailOf).flatMap(Optional::stream).toList();
  }
}
