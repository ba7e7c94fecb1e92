package io.leadsla.sla;

import io.leadsla.routing.LeadRouting;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * A stage clock ran out: take the policy's action. Reassign to another rep with a fresh clock while the policy
 * allows it, otherwise move the lead to nurture with the reason. Sets {@code expiryOutcome} for the gateway.
 */
@Component("slaExpiry")
public class SlaExpiry {

  static final String REASSIGNED = "reassigned";
  static final String NURTURE = "nurture";

  private final LeadRouting routing;
  private final StageClock clock;

  SlaExpiry(LeadRouting routing, StageClock clock) {
    this.routing = routing;
    this.clock = clock;
  }

  public void apply(DelegateExecution execution) {
    SlaClockLog.ClockRun expiredRun = clock.current(execution);
    SlaStage stage = SlaStage.of(expiredRun.stage());
    StagePolicy policy = StageClock.policyOf(execution, expiredRun);
    // runs from before clock runs kept their policy and count (older LeadCycle versions) count in a variable
    int used = expiredRun.policy() == null
        && execution.getVariable(StagePolicy.reassignmentsVariable(stage)) instanceof Number counted
        ? counted.intValue() : expiredRun.reassignments();
    String expired = capitalized(stage.description()) + " SLA expired";

    if (policy.expiryAction() == ExpiryAction.REASSIGN && used < policy.maxReassignments()) {
      if (routing.tryReassign(execution, expired).isPresent()) {
        execution.setVariable("expiryOutcome", REASSIGNED);
        return;
      }
      nurture(execution, expired + "; nobody else in the team could take the lead");
    } else if (policy.expiryAction() == ExpiryAction.REASSIGN) {
      nurture(execution, expired + " after " + used + " reassignment(s), the most the policy allows");
    } else {
      nurture(execution, expired + "; the policy moves such leads to nurture");
    }
  }

  private static void nurture(DelegateExecution execution, String reason) {
    execution.setVariable("expiryOutcome", NURTURE);
    execution.setVariable("dispositionReason", reason);
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
