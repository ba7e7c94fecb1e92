package io.leadsla.intake;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Start listener of "Lead entered by hand" (Tasklist's start form, or a start of LeadCycle over the engine's REST
 * API): tells "Check and complete lead" the way in, as a transient variable that is gone when the start commits.
 * Who entered it is the logged-in user, which "Check and complete lead" records with the submission.
 */
@Component("leadEnteredByHand")
class LeadEnteredByHand implements ExecutionListener {

  static final String CHANNEL = "tasklist";

  @Override
  public void notify(DelegateExecution execution) {
    execution.setVariable(LeadCycleIntake.CHANNEL, Variables.stringValue(CHANNEL, true));
  }
}
