package io.leadsla.lead;

import io.leadsla.lead.LeadStore.CycleLead;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The lead a LeadCycle instance works on, read from the lead store: the instance carries only its business key
 * (the lead id) and {@code cycle}. Mails, routing, the policy and the task forms read the lead through this.
 */
@Component
public class LeadOfCycle {

  private final LeadStore store;

  LeadOfCycle(LeadStore store) {
    this.store = store;
  }

  public CycleLead of(DelegateExecution execution) {
    return find(execution).orElseThrow(() -> new IllegalStateException("Lead " + execution.getProcessBusinessKey()
        + " has no cycle " + CycleVariables.cycle(execution) + " in the lead store"));
  }

  /** The lead, or empty for an instance that has no cycle in the lead store (e.g. started before it existed). */
  public Optional<CycleLead> find(DelegateExecution execution) {
    return store.cycleLead(execution.getProcessBusinessKey(), CycleVariables.cycle(execution));
  }

  /** The cycle's tier; cycles from before the lead store kept it (V14) have it in a variable of their instance. */
  public static String tierOf(CycleLead lead, DelegateExecution execution) {
    return lead.tier() != null ? lead.tier() : (String) execution.getVariable("tier");
  }
}
