package io.leadsla.routing;

import io.leadsla.sla.SlaStage;
import io.leadsla.sla.StagePolicy;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Process glue: gives a lead an owner from a group, or a different owner on reassignment. */
@Component("leadRouting")
public class LeadRouting {

  private static final Logger LOG = LoggerFactory.getLogger(LeadRouting.class);

  private final RoundRobinRouter router;

  LeadRouting(RoundRobinRouter router) {
    this.router = router;
  }

  public void assignFirstOwner(DelegateExecution execution, String groupId) {
    String owner = router.next(groupId, Set.of())
        .orElseThrow(() -> new IllegalStateException("Group '" + groupId + "' has no members to assign leads to"));
    execution.setVariable("ownerGroup", groupId);
    execution.setVariable("owner", owner);
    LOG.info("Lead {} assigned to {} ({})", execution.getBusinessKey(), owner, groupId);
  }

  /** Reassigns to another member of the owner's group; the current owner is never picked again. */
  public void reassign(DelegateExecution execution, String reason) {
    tryReassign(execution, reason)
        .orElseThrow(() -> new IllegalStateException("Nobody else in group '" + execution.getVariable("ownerGroup")
            + "' can take lead " + execution.getBusinessKey()));
  }

  /** Like {@link #reassign} but says so instead of failing when the owner is the only member left. */
  public Optional<String> tryReassign(DelegateExecution execution, String reason) {
    String group = (String) execution.getVariable("ownerGroup");
    String current = (String) execution.getVariable("owner");
    Optional<String> next = router.next(group, Set.of(current));
    next.ifPresent(owner -> {
      SlaStage stage = SlaStage.of((String) execution.getVariable("stage"));
      String counter = StagePolicy.reassignmentsVariable(stage);
      execution.setVariable(counter, ((Number) execution.getVariable(counter)).intValue() + 1);
      execution.setVariable("previousOwner", current);
      execution.setVariable("owner", owner);
      execution.setVariable("reassignmentReason", reason);
      LOG.info("Lead {} reassigned from {} to {}: {}", execution.getBusinessKey(), current, owner, reason);
    });
    return next;
  }
}
