package io.leadsla.team;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

@Component
class CamundaTeamDirectory implements TeamDirectory {

  private final IdentityService identityService;

  CamundaTeamDirectory(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public List<String> membersOf(String groupId) {
    return identityService.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
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

  private Optional<User> user(String userId) {
    return userId == null ? Optional.empty()
        : Optional.ofNullable(identityService.createUserQuery().userId(userId).singleResult());
  }
}
