package io.leadsla.team;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Who is in which group and how to reach them. Managed in Camunda Admin. */
public interface TeamDirectory {

  /** Member ids of a group, sorted, so every node sees the same order. */
  List<String> membersOf(String groupId);

  /** Member ids of a group who are not away, sorted, in one look-up. */
  List<String> presentMembersOf(String groupId);

  Optional<String> emailOf(String userId);

  /** The user's first name as a lead would call them, e.g. in an acknowledgement mail. */
  Optional<String> firstNameOf(String userId);

  /** First and last name, for mails about a lead ("Owner: Sam Lead"). */
  Optional<String> fullNameOf(String userId);

  /** The user's own time zone (user info {@code timeZone}, set in Admin), if they gave one. */
  Optional<ZoneId> timeZoneOf(String userId);

  /** Out of office: alerts for their leads go to their team instead (user info {@code away}). */
  boolean isAway(String userId);

  void setAway(String userId, boolean away);
}
