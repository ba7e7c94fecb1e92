package io.leadsla.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.leadsla.nurture.LeadNurtureProcess;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.SlaStageProcess;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The sales groups and what each may do in the Camunda webapps. Runs at every start and only adds what is
 * missing, so an admin's changes in Camunda Admin stay.
 */
@Component
public class SalesGroups {

  public static final String SDR = "sdr";
  public static final String AE = "ae";
  public static final String MANAGERS = "sales-managers";
  public static final String EXECUTIVES = "executives";
  public static final String MARKETING = "marketing";

  record SalesGroup(String id, String name) {}

  static final List<SalesGroup> GROUPS = List.of(
      new SalesGroup(SDR, "Lead qualifiers (SDR)"),
      new SalesGroup(AE, "Account executives"),
      new SalesGroup(MANAGERS, "Sales managers"),
      new SalesGroup(EXECUTIVES, "Executives"),
      new SalesGroup(MARKETING, "Marketing"));

  private final IdentityService identityService;
  private final AuthorizationService authorizationService;

  SalesGroups(IdentityService identityService, AuthorizationService authorizationService) {
    this.identityService = identityService;
    this.authorizationService = authorizationService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(1)
  public void ensureGroupsAndAuthorizations() {
    for (SalesGroup salesGroup : GROUPS) {
      if (identityService.createGroupQuery().groupId(salesGroup.id()).count() == 0) {
        Group group = identityService.newGroup(salesGroup.id());
        group.setName(salesGroup.name());
        group.setType("WORKFLOW");
        identityService.saveGroup(group);
      }
      grant(salesGroup.id(), Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      grant(salesGroup.id(), Resources.PROCESS_DEFINITION, LeadCycleProcess.KEY, ProcessDefinitionPermissions.READ);
      // the stages' tasks are in SlaStage instances: Tasklist needs the definition for their forms and names
      grant(salesGroup.id(), Resources.PROCESS_DEFINITION, SlaStageProcess.KEY, ProcessDefinitionPermissions.READ);
    }
    // Leads typed in by hand: marketing (events, phone calls) and the reps themselves.
    for (String starter : List.of(MARKETING, SDR)) {
      grant(starter, Resources.PROCESS_DEFINITION, LeadCycleProcess.KEY, ProcessDefinitionPermissions.CREATE_INSTANCE);
      grant(starter, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }
    // Managers and executives watch every lead in Cockpit.
    for (String watcher : List.of(MANAGERS, EXECUTIVES)) {
      grant(watcher, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
      grant(watcher, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
          ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
          ProcessDefinitionPermissions.READ_TASK);
      grant(watcher, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
      grant(watcher, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
      grant(watcher, Resources.TASK, ANY, Permissions.READ);
      // the reps by name in the dashboard's lists and charts
      grant(watcher, Resources.USER, ANY, Permissions.READ);
    }
    // Marketing watches its nurture pool in Cockpit: who is waiting, with which score, until when.
    grant(MARKETING, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grant(MARKETING, Resources.PROCESS_DEFINITION, LeadNurtureProcess.KEY, ProcessDefinitionPermissions.READ,
        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
    // Managers may take over any lead's task (e.g. a rep is ill).
    grant(MANAGERS, Resources.TASK, ANY, Permissions.UPDATE);
  }

  /** Adds permissions to the group's grant on a resource, creating the grant if needed. */
  void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization authorization = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(resource).resourceId(resourceId).unlimitedList().stream()
        .filter(existing -> existing.getAuthorizationType() == AUTH_TYPE_GRANT)
        .findFirst()
        .orElseGet(() -> {
          Authorization created = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
          created.setGroupId(groupId);
          created.setResource(resource);
          created.setResourceId(resourceId);
          return created;
        });
    boolean changed = authorization.getId() == null;
    for (Permission permission : permissions) {
      if (!authorization.isPermissionGranted(permission)) {
        authorization.addPermission(permission);
        changed = true;
      }
    }
    if (changed) {
      authorizationService.saveAuthorization(authorization);
    }
  }
}
