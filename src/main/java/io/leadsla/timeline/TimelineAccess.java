package io.leadsla.timeline;

import io.leadsla.security.SalesGroups;
import io.leadsla.web.Problems;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.ProblemDetail;
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

  /**
   * Why the caller may not read about the lead, as the answer's problem: 401 without a login; 403 where the lead
   * is not theirs (nor {@code alsoAllowed} for them), and for an unknown lead too, since an unknown lead and one of
   * someone else's must look alike (lead numbers are easy to guess); 404 for an unknown lead to those who read
   * every lead. Empty when they may.
   */
  public Optional<ProblemDetail> refusal(Authentication caller, String leadId, boolean known,
      Predicate<String> alsoAllowed) {
    if (caller == null) {
      return Optional.of(Problems.of(401, "Log in to Camunda first, or send your Camunda user name and password"));
    }
    List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
    boolean every = mayReadEveryLead(groups);
    if (!every && (!known || !alsoAllowed.test(caller.getUserId()) && !mayRead(caller.getUserId(), groups, leadId))) {
      return Optional.of(Problems.of(403, "Lead " + leadId + " is not yours, your team's or your reports'"));
    }
    return known ? Optional.empty() : Optional.of(Problems.of(404, "There is no lead " + leadId));
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
