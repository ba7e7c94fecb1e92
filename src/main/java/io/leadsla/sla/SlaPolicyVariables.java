package io.leadsla.sla;

import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadStore;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Reads the rows of the LeadSlaPolicy decision (one per stage): when the lead starts its tier and its cadence go to
 * its cycle in the lead store (every stage's row checked then, so a broken table stops the
 * lead at once); each stage's policy is taken when that stage starts and kept on its clock runs. Older LeadCycle
 * versions get every stage's policy as flat variables ({@link #store}).
 */
@Component("slaPolicyVariables")
public class SlaPolicyVariables {

  private final LeadStore leads;

  SlaPolicyVariables(LeadStore leads) {
    this.leads = leads;
  }

  /**
   * End listener of "Decide SLA policy" in LeadCycle versions deployed before each stage took its own row: a lead
   * of such a version still waiting for its start job keeps every stage's policy from its start, as it would have.
   */
  public void store(DelegateExecution execution) {
    DmnDecisionResult result = (DmnDecisionResult) execution.getVariableLocal("decisionResult");
    List<Map<String, Object>> rows = result == null ? List.of() : result.getResultList();
    String tier = storeTier(execution, rows);
    for (SlaStage stage : SlaStage.values()) {
      stagePolicy(execution, rows, stage, tier).write(execution);
    }
  }

  /** The lead's tier and cadence at its start, kept with its cycle in the lead store; returns the tier. */
  String storeTier(DelegateExecution execution, List<Map<String, Object>> rows) {
    Map<String, Object> response = policies(execution, rows).get(SlaStage.RESPONSE);
    String tier = (String) response.get("tier");
    leads.setTierAndCadence(execution.getProcessBusinessKey(), CycleVariables.cycle(execution), tier,
        positiveInt(response, "cadenceTouches"), positiveInt(response, "cadenceDays"));
    keepOldTierVariable(execution, tier);
    return tier;
  }

  /** The stage's row; its tier is stored, as the table deployed now may place the lead in another tier. */
  StagePolicy stagePolicy(DelegateExecution execution, List<Map<String, Object>> rows, SlaStage stage,
      String knownTier) {
    Map<String, Object> row = policies(execution, rows).get(stage);
    if (!Objects.equals(row.get("tier"), knownTier)) {
      setTier(execution, (String) row.get("tier"));
    }
    return StagePolicy.fromDecisionRow(row);
  }

  private void setTier(DelegateExecution execution, String tier) {
    leads.setTier(execution.getProcessBusinessKey(), CycleVariables.cycle(execution), tier);
    keepOldTierVariable(execution, tier);
  }

  private static void keepOldTierVariable(DelegateExecution execution, String tier) {
    if (execution.hasVariable("tier")) {
      // an instance of a LeadCycle version from before the cycle kept its tier
      execution.setVariable("tier", tier);
    }
  }

  /** The row of each stage; fails unless there is exactly one per stage, each a valid policy. */
  private static Map<SlaStage, Map<String, Object>> policies(DelegateExecution execution,
      List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      throw new IllegalStateException("LeadSlaPolicy returned no rows for lead " + execution.getProcessBusinessKey()
          + ": check the tier table for its source and score");
    }
    Map<SlaStage, Map<String, Object>> byStage = new EnumMap<>(SlaStage.class);
    for (Map<String, Object> row : rows) {
      StagePolicy policy = StagePolicy.fromDecisionRow(row);
      if (byStage.put(policy.stage(), row) != null) {
        throw new IllegalStateException("LeadSlaPolicy returned two rows for stage " + policy.stage().key());
      }
    }
    Set<SlaStage> missing = EnumSet.complementOf(EnumSet.copyOf(byStage.keySet()));
    if (!missing.isEmpty()) {
      throw new IllegalStateException("LeadSlaPolicy has no row for tier " + rows.get(0).get("tier")
          + " and stage(s) " + missing);
    }
    return byStage;
  }

  private static int positiveInt(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (!(value instanceof Number number) || number.intValue() < 1) {
      throw new IllegalStateException("LeadSlaPolicy response row needs a positive " + column);
    }
    return number.intValue();
  }
}
