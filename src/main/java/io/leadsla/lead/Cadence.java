package io.leadsla.lead;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Process glue for the cadence after a first touch without a live conversation. */
@Component("cadence")
public class Cadence {

  private final CadenceLog log;
  private final LeadStore store;

  Cadence(CadenceLog log, LeadStore store) {
    this.log = log;
    this.store = store;
  }

  /**
   * Starts the cadence the policy planned for the cycle (kept in the lead store; instances from before V18 carry
   * it in variables), which from here on is the cadence's variables.
   */
  public void start(DelegateExecution execution) {
    if (!execution.hasVariable("cadenceTouches")) {
      LeadStore.PlannedCadence planned = store.plannedCadence(execution.getBusinessKey(),
          CycleVariables.cycle(execution)).orElseThrow(() -> new IllegalStateException("Lead "
              + execution.getBusinessKey() + " has no cadence planned for cycle " + CycleVariables.cycle(execution)));
      execution.setVariable("cadenceTouches", planned.touches());
      execution.setVariable("cadenceDays", planned.days());
    }
    CadencePlan plan = new CadencePlan(((Date) execution.getVariable("lastTouchAt")).toInstant(),
        ((Number) execution.getVariable("cadenceTouches")).intValue(),
        ((Number) execution.getVariable("cadenceDays")).intValue());
    execution.setVariable("stage", "cadence");
    execution.setVariable("cadenceStartedAt", Date.from(plan.startedAt()));
    execution.setVariable("cadenceEndsAt", Date.from(plan.endsAt()));
    execution.setVariable("nextTouchDue", Date.from(plan.nextTouchDue(((Number) execution.getVariable("touchCount")).intValue())));
    log.started(execution.getBusinessKey(), CycleVariables.cycle(execution), plan);
  }

  public void close(DelegateExecution execution) {
    execution.setVariable("dispositionReason", "Cadence ended without a live conversation: "
        + execution.getVariable("touchCount") + " of " + execution.getVariable("cadenceTouches")
        + " planned touches within " + execution.getVariable("cadenceDays") + " days");
  }
}
