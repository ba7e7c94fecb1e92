package io.leadsla.routing;

import io.leadsla.lead.CycleVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task listener on every work task: a lead without an owner (nobody in the team was free) waits in the team
 * queue, i.e. its task is offered to the team's group, still on the stage's clock. Whoever claims it owns it.
 */
@Component("teamQueue")
public class TeamQueue {

  private final LeadRouting routing;

  TeamQueue(LeadRouting routing) {
    this.routing = routing;
  }

  /** On create. */
  public void offer(DelegateTask task) {
    String group = CycleVariables.ownerGroup(task);
    if (task.getAssignee() == null && group != null) {
      task.addCandidateGroup(group);
    }
  }

  /** On assignment: claiming a queued lead makes the claimer its owner. */
  public void claimed(DelegateTask task) {
    if (CycleVariables.owner(task) == null && task.getAssignee() != null) {
      routing.claimedFromQueue(task.getExecution(), task.getAssignee());
    }
  }
}
