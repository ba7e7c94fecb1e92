package io.leadsla.tasklist;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import io.leadsla.security.SalesGroups;
import io.leadsla.sla.SlaStageProcess;
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
    // every task past its deadline that the viewer may see (a rep: theirs and their team queue's; a manager:
    // every rep's), and the managers' interventions, which are due only at the SLA's expiry
    create(MISSED_SLA, -5, "#c62828", "Leads past their SLA deadline you may act on, and managers' interventions",
        taskService.createTaskQuery().or()
            .dueBeforeExpression("${now()}")
            .taskDefinitionKey(SlaStageProcess.TASK_INTERVENE)
            .endOr()
            .orderByDueDate().asc());
    create(TEAM_QUEUE, 0, "#1565c0", "Unclaimed tasks for your groups, e.g. manager interventions",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").taskUnassigned()
            .orderByDueDate().asc());
  }

  private void create(String name, int priority, String color, String description, TaskQuery query) {
    // the lead's name, company and tier are in each task's name (LeadTaskNames): no variable columns, which
    // the reps could not read anyway
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("priority", priority);
    properties.put("color", color);
    properties.put("description", description);
    properties.put("refresh", true);
    // the filters are the application's: a start brings an existing one up to date with this definition
    Filter filter = filterService.createFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filterService.newTaskFilter(name).setOwner("admin");
    }
    filterService.saveFilter(filter.setQuery(query).setProperties(properties));
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
}
