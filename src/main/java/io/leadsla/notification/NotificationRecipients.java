package io.leadsla.notification;

import io.leadsla.LeadSlaProperties;
import io.leadsla.security.SalesGroups;
import io.leadsla.team.TeamDirectory;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * Who hears of what. Alert and warning: the owner, or the owner's team while the owner is away. Missed SLA: the
 * same, plus the owner's manager. Escalation: the executives. If none of them has an e-mail address, the managers
 * hear of it. Addresses and time zones come from Camunda's users.
 */
@Service
public class NotificationRecipients {

  private final TeamDirectory directory;
  private final Map<String, String> managers;
  private final ZoneId defaultZone;

  NotificationRecipients(TeamDirectory directory, LeadSlaProperties properties) {
    this.directory = directory;
    this.managers = properties.notification() == null ? Map.of() : properties.notification().managers();
    this.defaultZone = properties.mail().timeZone();
  }

  public List<Recipient> of(NotificationKind kind, String owner, String ownerGroup) {
    Set<String> users = new LinkedHashSet<>();
    switch (kind) {
      case ALERT, WARNING -> users.addAll(ownerOrTeam(owner, ownerGroup));
      case BREACH -> {
        users.addAll(ownerOrTeam(owner, ownerGroup));
        users.addAll(managersOf(owner, ownerGroup));
      }
      case ESCALATION -> users.addAll(directory.membersOf(SalesGroups.EXECUTIVES));
      default -> throw new IllegalArgumentException(kind + " is not a mail about a lead's SLA");
    }
    List<Recipient> recipients = withAddress(users);
    if (recipients.isEmpty()) {
      // nobody it is meant for has an e-mail address: their managers hear of it instead
      recipients = withAddress(managersOf(owner, ownerGroup));
    }
    return recipients;
  }

  private List<Recipient> withAddress(Collection<String> users) {
    List<Recipient> recipients = new ArrayList<>();
    for (String user : users) {
      directory.emailOf(user).ifPresent(email -> recipients.add(recipient(user, email)));
    }
    return recipients;
  }

  public Recipient recipient(String userId, String email) {
    return new Recipient(userId, email, directory.timeZoneOf(userId).orElse(defaultZone));
  }

  /** The owner's manager(s): the owner's own entry, else the group's, else every sales manager. */
  public List<String> managersOf(String owner, String ownerGroup) {
    String manager = owner == null ? null : managers.get(owner);
    if (manager == null && ownerGroup != null) {
      manager = managers.get(ownerGroup);
    }
    return manager != null ? List.of(manager) : directory.membersOf(SalesGroups.MANAGERS);
  }

  private List<String> ownerOrTeam(String owner, String ownerGroup) {
    if (owner != null && !directory.isAway(owner)) {
      return List.of(owner);
    }
    List<String> team = ownerGroup == null ? List.of() : directory.presentMembersOf(ownerGroup).stream()
        .filter(member -> !member.equals(owner)).toList();
    return team.isEmpty() ? managersOf(owner, ownerGroup) : team;
  }
}
