package io.leadsla.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.leadsla.security.SalesGroups;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The Tasklist filters every sales role starts from; created once, then owned by the admins. */
@Component
class TasklistFilters {

  static final String MY_LEADS = "My leads by due date";
  static final String MISSED_SLA = "Missed SLA";
  static final String TEAM_QUEUE = "Team queue";

  private final FilterService filterService;
  private final TaskService taskService;
  private final AuthorizationService authorizationService;

  TasklistFilters(FilterService filterService, TaskService taskService, AuthorizationService authorizationService) {
    this.filterService = filterService;
    this.taskService = taskService;
    this.authorizationService = authorizationService;
  }

  @EventListener(ApplicationReadyEvent.class)
  @Order(3)
  public void createFilters() {
    create(MY_LEADS, -10, "#2e7d32", "Leads you own, the most urgent first",
        taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc());
    create(MISSED_SLA, -5, "#c62828", "Your and your teams' tasks past their SLA deadline",
        taskService.createTaskQuery().or()
            .taskAssigneeExpression("${currentUser()}")
            .taskCandidateGroupInExpression("${currentUserGroups()}")
            .endOr()
            .dueBeforeExpression("${now()}").orderByDueDate().asc());
    create(TEAM_QUEUE, 0, "#1565c0", "Unclaimed tasks for your groups, e.g. manager interventions",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
            .orderByDueDate().asc());
  }

  private void create(String name, int priority, String color, String description, TaskQuery query) {
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("priority", priority);
      properties.put("color", color);
      properties.put("description", description);
      properties.put("refresh", true);
      properties.put("variables", List.of(
          column("leadName", "Lead"), column("company", "Company"), column("source", "Source"),
          column("stage", "SLA stage")));
      filter = filterService.newTaskFilter(name).setOwner("admin").setQuery(query).setProperties(properties);
      filterService.saveFilter(filter);
    }
    for (var group : List.of(SalesGroups.SDR, SalesGroups.AE, SalesGroups.MANAGERS, SalesGroups.EXECUTIVES,
        SalesGroups.MARKETING)) {
      grantRead(group, filter.getId());
    }
  }

  private void grantRead(String groupId, String filterId) {
    boolean granted = authorizationService.createAuthorizationQuery()
        .groupIdIn(groupId).resourceType(Resources.FILTER).resourceId(filterId).count() > 0;
    if (!granted) {
      Authorization authorization = authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
      authorization.setGroupId(groupId);
      authorization.setResource(Resources.FILTER);
      authorization.setResourceId(filterId);
      authorization.addPermission(Permissions.READ);
      authorizationService.saveAuthorization(authorization);
    }
  }

  private static Map<String, String> column(String name, String label) {
    return Map.of("name", name, "label", label);
  }
}
