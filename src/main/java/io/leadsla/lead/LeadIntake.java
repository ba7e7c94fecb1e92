package io.leadsla.lead;

import io.leadsla.metrics.SlaMeters;
import io.leadsla.nurture.LeadNurtureProcess;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * First step of every cycle, however it was started (intake API, REST message, Tasklist start form): checks the
 * lead's fields, finds or creates the lead in the lead store and opens its next cycle. A lead that fails here is
 * rejected with the start request: no instance, no cycle, no mail.
 */
@Component("leadIntake")
public class LeadIntake implements JavaDelegate {

  /** Ways in where the lead asked us to get in touch, and so gets an acknowledgement mail. */
  private static final Set<String> ASKED_BY_THE_LEAD = Set.of("api", "form");
  private static final Pattern LEAD_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
  /** Process variable for each lead field. */
  private static final Map<String, String> VARIABLES = Map.of(
      "name", "leadName", "email", "email", "company", "company", "phone", "phone", "region", "region",
      "source", "source", "campaign", "campaign", "score", "score", "consent", "consent", "message", "leadMessage");

  private final LeadFieldsValidator validator;
  private final LeadStore store;
  private final SlaMeters meters;

  LeadIntake(LeadFieldsValidator validator, LeadStore store, SlaMeters meters) {
    this.validator = validator;
    this.store = store;
    this.meters = meters;
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
    String leadId = execution.getBusinessKey();
    if (leadId != null && !LEAD_ID.matcher(leadId).matches()) {
      throw new InvalidInputException("lead id '" + leadId + "' may hold letters, digits and . _ : - only");
    }

    Instant now = ClockUtil.getCurrentTime().toInstant();
    LeadStore.StoredLead stored = leadId == null
        ? store.lockOrCreate(lead, null, now)
        : store.lockById(leadId).orElseGet(() -> store.lockOrCreate(lead, leadId, now));
    if (stored.cycleOpen()) {
      throw new InvalidInputException("lead " + stored.id() + " (" + lead.email() + ") already has an open cycle");
    }
    if (stored.lastCycle() > 0) {
      store.refresh(stored.id(), lead, lead.score(), now);
    }
    int cycle = stored.lastCycle() + 1;
    store.beginCycle(stored.id(), cycle, execution.getProcessInstanceId(), lead.source(), now);
    meters.leadIn(lead.source());
    if (leadId == null) {
      execution.setProcessBusinessKey(stored.id());
    }

    if (stored.lastCycle() > 0) {
      // a new cycle started some other way than by LeadNurture itself: the lead is no longer in nurture
      execution.getProcessEngineServices().getRuntimeService()
          .createMessageCorrelation(LeadNurtureProcess.MESSAGE_LEAD_RETURNED)
          .processInstanceBusinessKey(stored.id())
          .setVariable("returnedInCycle", cycle)
          .correlateAll();
    }

    execution.setVariable("leadId", stored.id());
    execution.setVariable("cycle", cycle);
    execution.setVariables(lead.toVariables());
    execution.setVariable("touchCount", 0);
    execution.setVariable("arrivedAt", Date.from(now));
    execution.setVariable("acknowledgeLead", execution.getVariable("intakeChannel") instanceof String channel
        && ASKED_BY_THE_LEAD.contains(channel));
  }
}
