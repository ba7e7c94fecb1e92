package io.leadsla.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** End event listener: the cycle's final disposition and reason, whatever path led there, in the process and the lead store. */
@Component("leadDisposition")
public class LeadDisposition {

  private final LeadStore store;

  LeadDisposition(LeadStore store) {
    this.store = store;
  }

  public void record(DelegateExecution execution, String disposition) {
    execution.setVariable("disposition", disposition);
    execution.setVariable("dispositionAt", ClockUtil.getCurrentTime());
    store.endCycle(execution.getProcessBusinessKey(), CycleVariables.cycle(execution),
        disposition, (String) execution.getVariable("dispositionReason"), ClockUtil.getCurrentTime().toInstant());
  }
}
