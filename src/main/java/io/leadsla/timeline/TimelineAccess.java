package io.leadsla.timeline;

import io.leadsla.security.SalesGroups;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Groups;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who may read a lead's timeline: whoever may see its task now (its owner, its team while it waits in the team's
 * queue, managers, as Camunda's authorizations say), managers, executives and admins always, and the reps who
 * owned one of its cycles, so that a rep can look up a lead of theirs that went to nurture.
 */
@Component
public class TimelineAccess {

  private static final List<String> ALWAYS = List.of(SalesGroups.MANAGERS, SalesGroups.EXECUTIVES, Groups.CAMUNDA_ADMIN);

  private final TaskService taskService;
  private final JdbcTemplate jdbc;

  TimelineAccess(TaskService taskService, JdbcTemplate jdbc) {
    this.taskService = taskService;
    this.jdbc = jdbc;
  }

  /** Managers, executives and admins read every lead's timeline. */
  public boolean mayReadEveryLead(List<String> groups) {
    return groups.stream().anyMatch(ALWAYS::contains);
  }

  /** The caller is the engine's current authentication (set by the login filter); the task query runs as them. */
  public boolean mayRead(String user, List<String> groups, String leadId) {
    if (mayReadEveryLead(groups)) {
      return true;
    }
    if (taskService.createTaskQuery().processInstanceBusinessKey(leadId).count() > 0) {
      return true;
    }
    // any rep who owned it at some point: its cycles' owners and everyone it was assigned to
    Integer owned = jdbc.queryForObject("SELECT COUNT(*) FROM lead_cycle WHERE lead_id = ? AND owner = ?",
        Integer.class, leadId, user) + jdbc.queryForObject("SELECT COUNT(*) FROM lead_assignment "
        + "WHERE lead_id = ? AND to_owner = ?", Integer.class, leadId, user);
    return owned != null && owned > 0;
  }
}
