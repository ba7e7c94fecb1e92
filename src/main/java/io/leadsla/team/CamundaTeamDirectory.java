package io.leadsla.team;

import io.leadsla.TransactionMemo;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityInfoEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MembershipEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
class CamundaTeamDirectory implements TeamDirectory {

  static final String TIME_ZONE = "timeZone";
  static final String AWAY = "away";
  private static final Logger LOG = LoggerFactory.getLogger(CamundaTeamDirectory.class);

  private final IdentityService identityService;
  private final String presentMembersSql;
  // the pick learns who is in; the owner's alert in the same job asks again whether the owner is away
  private final TransactionMemo<String, Boolean> away = new TransactionMemo<>();

  CamundaTeamDirectory(IdentityService identityService, ManagementService management) {
    this.identityService = identityService;
    // the engine's own tables through its native user query: routing asks this once per pick, not once per member
    this.presentMembersSql = "SELECT RES.* FROM " + management.getTableName(UserEntity.class) + " RES JOIN "
        + management.getTableName(MembershipEntity.class) + " M ON M.USER_ID_ = RES.ID_ WHERE M.GROUP_ID_ = #{group} "
        + "AND NOT EXISTS (SELECT 1 FROM " + management.getTableName(IdentityInfoEntity.class) + " I WHERE "
        + "I.USER_ID_ = RES.ID_ AND I.KEY_ = #{key} AND I.VALUE_ = #{away} AND I.PARENT_ID_ IS NULL) ORDER BY RES.ID_";
  }

  @Override
  public List<String> membersOf(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().unlimitedList().stream()
        .map(User::getId)
        .toList();
  }

  @Override
  public List<String> presentMembersOf(String groupId) {
    List<String> present = identityService.createNativeUserQuery().sql(presentMembersSql).parameter("group", groupId)
        .parameter("key", AWAY).parameter("away", "true").list().stream()
        .map(User::getId)
        .toList();
    present.forEach(member -> away.remember(member, false));
    return present;
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
    return userId != null && away.get(userId, () -> "true".equals(identityService.getUserInfo(userId, AWAY)));
  }

  @Override
  public void setAway(String userId, boolean isAway) {
    away.remember(userId, isAway);
    identityService.setUserInfo(userId, AWAY, String.valueOf(isAway));
  }

  private Optional<User> user(String userId) {
    return userId == null ? Optional.empty()
        : Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult());
  }
}
