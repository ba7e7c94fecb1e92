package io.leadsla.team;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
class CamundaTeamDirectory implements TeamDirectory {

  static final String TIME_ZONE = "timeZone";
  static final String AWAY = "away";
  private static final Logger LOG = LoggerFactory.getLogger(CamundaTeamDirectory.class);

  private final IdentityService identityService;

  CamundaTeamDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public List<String> membersOf(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().unlimitedList().stream()
        .map(User::getId)
        .toList();
  }

  @Override
  public Optional<String> emailOf(String userId) {
    return user(userId).map(User::getEmail).filter(email -> !email.isBlank());
  }

  @Override
  public Optional<String> firstNameOf(String userId) {
    return user(userId).map(User::getFirstName).filter(name -> !name.isBlank());
  }

  @Override
  public Optional<String> fullNameOf(String userId) {
    return user(userId).map(user -> ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
        + (user.getLastName() == null ? "" : user.getLastName())).strip()).filter(name -> !name.isEmpty());
  }

  @Override
  public Optional<ZoneId> timeZoneOf(String userId) {
    String zone = userId == null ? null : identityService.getUserInfo(userId, TIME_ZONE);
    if (zone == null || zone.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(zone.strip()));
    } catch (DateTimeException e) {
      LOG.warn("User {} has an unknown time zone '{}' in Admin; using the default", userId, zone);
      return Optional.empty();
    }
  }

  @Override
  public boolean isAway(String userId) {
    return userId != null && "true".equals(identityService.getUserInfo(userId, AWAY));
  }

  @Override
  public void setAway(String userId, boolean away) {
    identityService.setUserInfo(userId, AWAY, String.valueOf(away));
  }

  private Optional<User> user(String userId) {
    return userId == null ? Optional.empty()
        : Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult());
  }
}
