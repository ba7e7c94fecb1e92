package io.leadsla.lead;

import io.leadsla.lead.LeadStore.CycleLead;
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
    String leadId = execution.getProcessBusinessKey();
    int number = CycleVariables.cycle(execution);
    return store.cycleLead(leadId, number).orElseThrow(() ->
        new IllegalStateException("Lead " + leadId + " has no cycle " + number + " in the lead store"));
  }
}
