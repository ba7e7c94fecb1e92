package io.leadsla.sla;

import io.leadsla.routing.LeadRouting;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Glue for "Apply expiry action": the policy of the expired clock run says reassign or nurture
 * ({@link StagePolicy#nurtureReasonOnExpiry}); routing finds the next rep. Sets {@code expiryOutcome} (and the
 * nurture reason) for the gateway.
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
    Optional<String> nurture = policy.nurtureReasonOnExpiry(used);
    if (nurture.isPresent()) {
      nurture(execution, nurture.get());
    } else if (routing.tryReassign(execution, policy.expired()).isPresent()) {
      execution.setVariable("expiryOutcome", REASSIGNED);
    } else {
      nurture(execution, policy.nurtureReasonWhenNobodyIsFree());
    }
  }

  private static void nurture(DelegateExecution execution, String reason) {
    execution.setVariable("expiryOutcome", NURTURE);
    execution.setVariable("dispositionReason", reason);
  }
}
