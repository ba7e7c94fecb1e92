package io.leadsla.demo;

import io.leadsla.LeadSlaProperties;
import io.leadsla.security.SalesGroups;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Demo team for the embedded default (leadsla.demo.enabled); never created with the postgres profile. */
@Component
@ConditionalOnProperty("leadsla.demo.enabled")
class DemoUsers {

  record DemoUser(String id, String firstName, String lastName, String group) {}

  static final List<DemoUser> USERS = List.of(
      new DemoUser("sam", "Sam", "Lead", SalesGroups.SDR),
      new DemoUser("sara", "Sara", "Lead", SalesGroups.SDR),
      new DemoUser("sol", "Sol", "Lead", SalesGroups.SDR),
      new DemoUser("alex", "Alex", "Closer", SalesGroups.AE),
      new DemoUser("amy", "Amy", "Closer", SalesGroups.AE),
      new DemoUser("maria", "Maria", "Manager", SalesGroups.MANAGERS),
      new DemoUser("eve", "Eve", "Executive", SalesGroups.EXECUTIVES),
      new DemoUser("mark", "Mark", "Marketing", SalesGroups.MARKETING));

  private final IdentityService identityService;
  private final LeadSlaProperties properties;

  DemoUsers(IdentityService identityService, LeadSlaProperties properties) {
    this.identityService = identityService;
    this.properties = properties;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(2)
  public void createDemoUsers() {
    for (DemoUser demo : USERS) {
      if (identityService.createUserQuery().userId(demo.id()).count() > 0) {
        continue;
      }
      User user = identityService.newUser(demo.id());
      user.setFirstName(demo.firstName());
      user.setLastName(demo.lastName());
      user.setEmail(demo.id() + "@example.com");
      user.setPassword(properties.demo().password());
      identityService.saveUser(user);
      identityService.createMembership(demo.id(), demo.group());
    }
  }
}
