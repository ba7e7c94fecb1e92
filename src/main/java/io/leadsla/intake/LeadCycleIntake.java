package io.leadsla.intake;

import io.leadsla.lead.InvalidLeadException;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadFieldsValidator;
import io.leadsla.nurture.LeadNurtureProcess;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * Process glue of "Check and complete lead", the first step of every LeadCycle instance: the start's variables
 * become lead fields, {@link LeadIntakeService#openCycle} accepts them into the lead store, and the instance keeps
 * only the lead id and cycle. The step is asyncAfter: once it commits, the rest of the lead's start runs as a job.
 */
@Component("leadIntake")
class LeadCycleIntake implements JavaDelegate {

  /**
   * Transient variable naming the way the lead came in: api, form, csv, nurture, tasklist (a start by hand);
   * absent for a message over the engine's REST API.
   */
  static final String CHANNEL = "intakeChannel";

  /** Ways in where the lead asked us to get in touch, and so gets an acknowledgement mail. */
  private static final Set<String> SENT_BY_THE_LEAD = Set.of("api", "form");
  private static final Map<String, String> VARIABLES = LeadFields.START_VARIABLES;

  private final LeadFieldsValidator validator;
  private final LeadIntakeService intake;

  LeadCycleIntake(LeadFieldsValidator validator, LeadIntakeService intake) {
    this.validator = validator;
    this.intake = intake;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Map<String, Object> raw = new HashMap<>();
    VARIABLES.forEach((field, variable) -> {
      if (execution.getVariable(variable) != null) {
        raw.put(field, execution.getVariable(variable));
      }
    });
    LeadFields lead;
    try {
      lead = validator.validate(raw);
    } catch (InvalidLeadException e) {
      Map<String, String> named = new HashMap<>();
      e.fieldErrors().forEach((field, error) -> named.put(VARIABLES.getOrDefault(field, field), error));
      throw new InvalidLeadException(named);
    }
    String channel = execution.getVariable(CHANNEL) instanceof String given ? given : "engine-rest";
    // who entered it by hand is who is logged in
    String enteredBy = LeadEnteredByHand.CHANNEL.equals(channel)
        ? Context.getCommandContext().getAuthenticatedUserId() : null;
    LeadIntakeService.OpenedCycle opened = intake.openCycle(lead, execution.getBusinessKey(),
        execution.getProcessInstanceId(), channel, enteredBy);
    if (execution.getBusinessKey() == null) {
      execution.setProcessBusinessKey(opened.leadId());
    }
    if (opened.returning()) {
      // a new cycle started some other way than by LeadNurture itself: the lead is no longer in nurture
      execution.getProcessEngineServices().getRuntimeService()
          .createMessageCorrelation(LeadNurtureProcess.MESSAGE_LEAD_RETURNED)
          .processInstanceBusinessKey(opened.leadId())
          .correlateAll();
    }
    // a start from Tasklist or the engine's REST API stored the fields; the lead store has them now
    VARIABLES.values().forEach(execution::removeVariable);
    execution.removeVariable(CHANNEL);
    execution.setVariable("cycle", opened.cycle());
    execution.setVariable("touchCount", 0);
    // a personal mail only to a lead who wrote to us themselves and asked to be contacted
    execution.setVariable("acknowledgeLead", SENT_BY_THE_LEAD.contains(channel) && lead.askedToBeContacted());
  }
}
