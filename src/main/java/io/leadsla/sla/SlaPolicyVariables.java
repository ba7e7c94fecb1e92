package io.leadsla.sla;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Turns the result of the LeadSlaPolicy business rule task (one row per stage) into flat process variables,
 * so timers and forms can read them and no serialized map is stored.
 */
@Component("slaPolicyVariables")
public class SlaPolicyVariables {

  /** The business rule task leaves its (transient) result in this local variable. */
  static final String DECISION_RESULT = "decisionResult";

  public void store(DelegateExecution execution) {
    DmnDecisionResult result = (DmnDecisionResult) execution.getVariableLocal(DECISION_RESULT);
    if (result == null || result.isEmpty()) {
      throw new IllegalStateException("LeadSlaPolicy returned no rows for source '"
          + execution.getVariable("source") + "' and score " + execution.getVariable("score"));
    }
    Set<SlaStage> missing = EnumSet.allOf(SlaStage.class);
    for (Map<String, Object> row : result.getResultList()) {
      StagePolicy policy = StagePolicy.fromDecisionRow(row);
      if (!missing.remove(policy.stage())) {
        throw new IllegalStateException("LeadSlaPolicy returned two rows for stage " + policy.stage().key());
      }
      policy.write(execution);
      execution.setVariable("tier", row.get("tier"));
      if (policy.stage() == SlaStage.RESPONSE) {
        execution.setVariable("cadenceTouches", positiveInt(row, "cadenceTouches"));
        execution.setVariable("cadenceDays", positiveInt(row, "cadenceDays"));
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("LeadSlaPolicy has no row for tier " + execution.getVariable("tier")
          + " and stage(s) " + missing);
    }
  }

  private static int positiveInt(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (!(value instanceof Number number) || number.intValue() < 1) {
      throw new IllegalStateException("LeadSlaPolicy response row needs a positive " + column);
    }
    return number.intValue();
  }
}
