package io.leadsla.sla;

import io.leadsla.clock.WorkingTime;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * One row of the LeadSlaPolicy decision: how long a stage may take and what happens around its deadline.
 * Kept with each run of the stage's clock ({@code sla_clock.policy}, see {@link #toText()}); instances started
 * before that carry it in process variables named after the stage, e.g. {@code responseSla}.
 */
public record StagePolicy(
    SlaStage stage,
    WorkingTime sla,
    WorkingTime warnBefore,
    WorkingTime managerDelay,
    WorkingTime executiveDelay,
    WorkingTime expireAfter,
    ExpiryAction expiryAction,
    int maxReassignments,
    boolean businessHours) {

  static final String BUSINESS = "business";
  static final String ALWAYS = "24x7";

  public StagePolicy {
    if (sla == null || sla.isZero()) {
      throw new IllegalArgumentException(stage.key() + ": sla must be a positive duration");
    }
    if (warnBefore.asWallClock().compareTo(sla.asWallClock()) >= 0) {
      throw new IllegalArgumentException(stage.key() + ": warnBefore must be shorter than the SLA");
    }
    if (maxReassignments < 0) {
      throw new IllegalArgumentException(stage.key() + ": maxReassignments must not be negative");
    }
  }

  /**
   * What the policy does when the stage's clock expires after {@code used} reassignments: another rep while the
   * policy reassigns and has reassignments left; otherwise nurture, with the reason the lead will carry.
   */
  Optional<String> nurtureReasonOnExpiry(int used) {
    String expired = expired();
    if (expiryAction == ExpiryAction.REASSIGN && used < maxReassignments) {
      return Optional.empty();
    }
    return Optional.of(expiryAction == ExpiryAction.REASSIGN
        ? expired + " after " + used + " reassignment(s), the most the policy allows"
        : expired + "; the policy moves such leads to nurture");
  }

  /** Why a lead goes to nurture when the policy would reassign it but nobody else in the team is free. */
  String nurtureReasonWhenNobodyIsFree() {
    return expired() + "; nobody else in the team could take the lead";
  }

  /** "First touch SLA expired", say: the reason of a reassignment after the stage's expiry. */
  String expired() {
    return Character.toUpperCase(stage.description().charAt(0)) + stage.description().substring(1) + " SLA expired";
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
        ((Number) row.get("maxReassignments")).intValue(),
        businessHours(stage, row.get("clock")));
  }

  private static boolean businessHours(SlaStage stage, Object clock) {
    if (BUSINESS.equals(clock)) {
      return true;
    }
    if (ALWAYS.equals(clock)) {
      return false;
    }
    throw new IllegalArgumentException("LeadSlaPolicy " + stage.key() + ".clock = '" + clock + "' must be '"
        + BUSINESS + "' or '" + ALWAYS + "'");
  }

  /** The policy as kept on a clock run: {@code sla=PT5M warnBefore=PT2M ... clock=24x7}. */
  String toText() {
    return "sla=" + sla + " warnBefore=" + warnBefore + " managerDelay=" + managerDelay
        + " executiveDelay=" + executiveDelay + " expireAfter=" + expireAfter + " expiryAction=" + expiryAction.name()
        + " maxReassignments=" + maxReassignments + " clock=" + (businessHours ? BUSINESS : ALWAYS);
  }

  static StagePolicy fromText(SlaStage stage, String text) {
    Map<String, String> values = new java.util.HashMap<>();
    for (String pair : text.trim().split("\\s+")) {
      int equals = pair.indexOf('=');
      values.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return new StagePolicy(stage,
        WorkingTime.parse(values.get("sla")),
        WorkingTime.parse(values.get("warnBefore")),
        WorkingTime.parse(values.get("managerDelay")),
        WorkingTime.parse(values.get("executiveDelay")),
        WorkingTime.parse(values.get("expireAfter")),
        ExpiryAction.valueOf(values.get("expiryAction")),
        Integer.parseInt(values.get("maxReassignments")),
        BUSINESS.equals(values.get("clock")));
  }

  /** Whether the stage's policy is in the variables (an instance started before clock runs kept it). */
  static boolean isKept(VariableScope variables, SlaStage stage) {
    return variables.getVariable(stage.key() + "Sla") != null;
  }

  public static StagePolicy read(VariableScope variables, SlaStage stage) {
    String p = stage.key();
    return new StagePolicy(
        stage,
        WorkingTime.parse((String) variables.getVariable(p + "Sla")),
        WorkingTime.parse((String) variables.getVariable(p + "WarnBefore")),
        WorkingTime.parse((String) variables.getVariable(p + "ManagerDelay")),
        WorkingTime.parse((String) variables.getVariable(p + "ExecutiveDelay")),
        WorkingTime.parse((String) variables.getVariable(p + "ExpireAfter")),
        ExpiryAction.valueOf((String) variables.getVariable(p + "ExpiryAction")),
        ((Number) variables.getVariable(p + "MaxReassignments")).intValue(),
        // instances started before the clock column existed keep the 24/7 clock they started with
        BUSINESS.equals(variables.getVariable(p + "Clock")));
  }

  /** For LeadCycle versions whose leads still wait for their start job with every policy in variables. */
  void write(VariableScope variables) {
    String p = stage.key();
    variables.setVariable(p + "Sla", sla.toString());
    variables.setVariable(p + "WarnBefore", warnBefore.toString());
    variables.setVariable(p + "ManagerDelay", managerDelay.toString());
    variables.setVariable(p + "ExecutiveDelay", executiveDelay.toString());
    variables.setVariable(p + "ExpireAfter", expireAfter.toString());
    variables.setVariable(p + "ExpiryAction", expiryAction.name());
    variables.setVariable(p + "MaxReassignments", maxReassignments);
    variables.setVariable(p + "Clock", businessHours ? BUSINESS : ALWAYS);
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

  private static WorkingTime duration(SlaStage stage, Map<String, Object> row, String column) {
    String text = text(row, column);
    try {
      return WorkingTime.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "LeadSlaPolicy " + stage.key() + "." + column + " = '" + text + "' is not an ISO-8601 duration such as PT5M or P2D", e);
    }
  }
}
