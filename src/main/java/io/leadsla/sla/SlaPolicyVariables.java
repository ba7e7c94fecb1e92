package io.leadsla.sla;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Turns the rows of the LeadSlaPolicy decision (one per stage) into flat process variables, so timers and forms
 * can read them and no serialized map is stored.
 */
@Component
class SlaPolicyVariables {

  void store(DelegateExecution execution, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      throw new IllegalStateException("LeadSlaPolicy returned no rows for source '"
          + execution.getVariable("source") + "' and score " + execution.getVariable("score"));
    }
    Set<SlaStage> missing = EnumSet.allOf(SlaStage.class);
    for (Map<String, Object> row : rows) {
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
