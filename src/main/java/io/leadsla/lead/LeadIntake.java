package io.leadsla.lead;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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

  private static final Pattern LEAD_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
  /** Process variable for each lead field. */
  private static final Map<String, String> VARIABLES = Map.of(
      "name", "leadName", "email", "email", "company", "company", "phone", "phone", "region", "region",
      "source", "source", "campaign", "campaign", "score", "score", "consent", "consent", "message", "leadMessage");

  private final LeadFieldsValidator validator;
  private final LeadStore store;

  LeadIntake(LeadFieldsValidator validator, LeadStore store) {
    this.validator = validator;
    this.store = store;
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
    if (leadId == null) {
      execution.setProcessBusinessKey(stored.id());
    }

    execution.setVariable("leadId", stored.id());
    execution.setVariable("cycle", cycle);
    execution.setVariables(lead.toVariables());
    execution.setVariable("touchCount", 0);
  }
}
