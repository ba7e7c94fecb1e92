package io.leadsla.sla;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * One row of the LeadSlaPolicy decision: how long a stage may take and what happens around its deadline.
 * Kept in process variables named after the stage, e.g. {@code responseSla}, {@code responseWarnBefore}.
 */
public record StagePolicy(
    SlaStage stage,
    Duration sla,
    Duration warnBefore,
    Duration managerDelay,
    Duration executiveDelay,
    Duration expireAfter,
    ExpiryAction expiryAction,
    int maxReassignments) {

  public StagePolicy {
    requirePositive(stage, "sla", sla);
    requireNotNegative(stage, "warnBefore", warnBefore);
    requireNotNegative(stage, "managerDelay", managerDelay);
    requireNotNegative(stage, "executiveDelay", executiveDelay);
    requireNotNegative(stage, "expireAfter", expireAfter);
    if (warnBefore.compareTo(sla) >= 0) {
      throw new IllegalArgumentException(stage.key() + ": warnBefore must be shorter than the SLA");
    }
    if (maxReassignments < 0) {
      throw new IllegalArgumentException(stage.key() + ": maxReassignments must not be negative");
    }
  }

  /** Builds the policy from one decision result row (the DMN column names). */
  static StagePolicy fromDecisionRow(Map<String, Object> row) {
    SlaStage stage = SlaStage.of(text(row, "stage"));
    return new StagePolicy(
        stage,
        duration(stage, row, "sla"),
        duration(stage, row, "warnBefore"),
        duration(stage, row, "managerDelay"),
        duration(stage, row, "executiveDelay"),
        duration(stage, row, "expireAfter"),
        ExpiryAction.of(text(row, "expiryAction")),
        ((Number) row.get("maxReassignments")).intValue());
  }

  public static StagePolicy read(VariableScope variables, SlaStage stage) {
    String p = stage.key();
    return new StagePolicy(
        stage,
        Duration.parse((String) variables.getVariable(p + "Sla")),
        Duration.parse((String) variables.getVariable(p + "WarnBefore")),
        Duration.parse((String) variables.getVariable(p + "ManagerDelay")),
        Duration.parse((String) variables.getVariable(p + "ExecutiveDelay")),
        Duration.parse((String) variables.getVariable(p + "ExpireAfter")),
        ExpiryAction.valueOf((String) variables.getVariable(p + "ExpiryAction")),
        ((Number) variables.getVariable(p + "MaxReassignments")).intValue());
  }

  void write(VariableScope variables) {
    String p = stage.key();
    variables.setVariable(p + "Sla", sla.toString());
    variables.setVariable(p + "WarnBefore", warnBefore.toString());
    variables.setVariable(p + "ManagerDelay", managerDelay.toString());
    variables.setVariable(p + "ExecutiveDelay", executiveDelay.toString());
    variables.setVariable(p + "ExpireAfter", expireAfter.toString());
    variables.setVariable(p + "ExpiryAction", expiryAction.name());
    variables.setVariable(p + "MaxReassignments", maxReassignments);
    variables.setVariable(reassignmentsVariable(stage), 0);
  }

  public static String reassignmentsVariable(SlaStage stage) {
    return stage.key() + "Reassignments";
  }

  private static String text(Map<String, Object> row, String column) {
    Object value = row.get(column);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("LeadSlaPolicy row without a value in column '" + column + "'");
    }
    return text;
  }

  private static Duration duration(SlaStage stage, Map<String, Object> row, String column) {
    String text = text(row, column);
    try {
      return Duration.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "LeadSlaPolicy " + stage.key() + "." + column + " = '" + text + "' is not an ISO-8601 duration such as PT5M or P2D", e);
    }
  }

  private static void requirePositive(SlaStage stage, String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(stage.key() + ": " + name + " must be a positive duration");
    }
  }

  private static void requireNotNegative(SlaStage stage, String name, Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(stage.key() + ": " + name + " must not be negative");
    }
  }
}
