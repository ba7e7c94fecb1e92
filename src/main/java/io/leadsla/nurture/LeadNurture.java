package io.leadsla.nurture;

import io.leadsla.LeadSlaProperties;
import io.leadsla.clock.WorkingHours;
import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore;
import io.leadsla.sla.LeadCycleProcess;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Process glue of LeadNurture, and of the hand-over from a LeadCycle that ended in nurture. The lead store keeps
 * the lead's score; the nurture instance shows it, the threshold and the re-contact date in Cockpit.
 */
@Component("leadNurture")
public class LeadNurture {

  static final String SCORE = "score";
  static final String REENGAGE_SCORE = "reengageScore";
  static final String RECONTACT_AT = "recontactAt";

  private final LeadStore store;
  private final WorkingHours workingHours;

  LeadNurture(LeadStore store, LeadSlaProperties properties) {
    this.store = store;
    this.workingHours = properties.workingHours();
  }

  /** Message end event "Nurture" of LeadCycle: one LeadNurture instance per nurtured cycle. */
  public void handOver(DelegateExecution cycle) {
    int cycleNumber = CycleVariables.cycle(cycle);
    LeadStore.CycleLead ended = store.cycleLead(cycle.getBusinessKey(), cycleNumber).orElseThrow(() ->
        new IllegalStateException("Lead " + cycle.getBusinessKey() + " has no cycle " + cycleNumber));
    LeadFields lead = ended.fields();
    Map<String, Object> variables = new HashMap<>();
    variables.put("leadId", cycle.getBusinessKey());
    variables.put("tier", LeadOfCycle.tierOf(ended, cycle));
    variables.put(SCORE, lead.score());
    variables.put("leadName", lead.name());
    variables.put("company", lead.company());
    variables.put("email", lead.email());
    variables.put("source", lead.source());
    variables.put("recontactDate", cycle.getVariable("recontactDate"));
    variables.put("nurturedCycle", cycleNumber);
    variables.put("nurtureReason", cycle.getVariable("dispositionReason"));
    cycle.getProcessEngineServices().getRuntimeService()
        .createMessageCorrelation(LeadNurtureProcess.MESSAGE_LEAD_NURTURED)
        .processInstanceBusinessKey(cycle.getBusinessKey())
        .setVariables(variables)
        .correlateStartMessage();
  }

  /** End listener of "Decide nurture policy": the decision's single row as plain variables. */
  public void storePolicy(DelegateExecution execution) {
    DmnDecisionResult result = (DmnDecisionResult) execution.getVariableLocal("decisionResult");
    if (result == null || result.size() != 1) {
      throw new IllegalStateException("LeadNurturePolicy needs exactly one row for tier " + execution.getVariable("tier"));
    }
    DmnDecisionResultEntries row = result.getSingleResult();
    int kept = wholeNumber(row.getEntry("scoreKeptPercent"), "scoreKeptPercent");
    if (kept > 100) {
      throw new IllegalStateException("LeadNurturePolicy: scoreKeptPercent must be 0 to 100, not " + kept);
    }
    execution.setVariable("scoreKeptPercent", kept);
    execution.setVariable(REENGAGE_SCORE, wholeNumber(row.getEntry(REENGAGE_SCORE), REENGAGE_SCORE));
    String recontactAfter = row.getEntry("recontactAfter");
    Period.parse(recontactAfter);   // a typo in the table fails here, not months later at the timer
    execution.setVariable("recontactAfter", recontactAfter);
  }

  /** "Lower score, set re-contact date": the lead must earn its way back past the threshold. */
  public void enter(DelegateExecution execution) {
    int score = ((Number) execution.getVariable(SCORE)).intValue();
    int kept = (Integer) execution.getVariable("scoreKeptPercent");
    int threshold = (Integer) execution.getVariable(REENGAGE_SCORE);
    int lowered = Math.max(0, Math.min(score * kept / 100, threshold - 1));
    Instant now = ClockUtil.getCurrentTime().toInstant();
    store.updateScore(execution.getBusinessKey(), lowered, now);
    execution.setVariable("scoreBeforeNurture", score);
    execution.setVariable(SCORE, lowered);
    execution.setVariable(RECONTACT_AT, Date.from(recontactAt(execution, now)));
  }

  /** The rep's re-contact date, else the policy's period, at the team's opening time, never in the past. */
  Instant recontactAt(DelegateExecution execution, Instant now) {
    Object chosen = execution.getVariable("recontactDate");
    LocalDate day;
    if (chosen instanceof String text && !text.isBlank()) {
      try {
        day = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      } catch (DateTimeParseException e) {
        throw new IllegalStateException("recontactDate '" + text + "' is not a date", e);
      }
    } else {
      Period after = Period.parse((String) execution.getVariable("recontactAfter"));
      day = now.atZone(workingHours.zone()).toLocalDate().plus(after);
    }
    Instant opening = workingHours.openingOn(day);
    return opening.isAfter(now) ? opening : workingHours.nextOpening(now);
  }

  /** "Start next cycle": the lead's stored details start LeadCycle again, cycle n + 1 under the same business key. */
  public void startNextCycle(DelegateExecution execution, String reason) {
    String leadId = execution.getBusinessKey();
    LeadFields lead = store.details(leadId)
        .orElseThrow(() -> new IllegalStateException("lead " + leadId + " is no longer in the lead store"));
    VariableMap variables = lead.toStartVariables()
        .putValueTyped("intakeChannel", Variables.stringValue("nurture", true))
        .putValue("returnReason", reason);
    ProcessInstance next = execution.getProcessEngineServices().getRuntimeService()
        .createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey(leadId)
        .setVariables(variables)
        .correlateStartMessage();
    execution.setVariable("nextCycleInstanceId", next.getId());
  }

  private static int wholeNumber(Object value, String column) {
    if (!(value instanceof Number number) || number.intValue() < 0) {
      throw new IllegalStateException("LeadNurturePolicy needs a whole number >= 0 in " + column);
    }
    return number.intValue();
  }
}
