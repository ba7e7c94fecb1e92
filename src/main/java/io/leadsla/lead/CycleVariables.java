package io.leadsla.lead;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The variables a LeadCycle instance carries for its gateways, timers and tasks, named in one place and read
 * with their types. Everything else about the lead is in the lead store ({@link LeadOfCycle}) and on the stage's
 * clock run.
 */
public final class CycleVariables {

  /** The cycle's number: 1 for a new lead, one more for each time it comes back. */
  public static final String CYCLE = "cycle";
  /** The rep or AE who owns the lead now; none while it waits in the team queue. */
  public static final String OWNER = "owner";
  /** The team the owner is picked from. */
  public static final String OWNER_GROUP = "ownerGroup";
  /** The SLA stage whose clock runs: response, qualification or handoff. */
  public static final String STAGE = "stage";

  private CycleVariables() {}

  public static int cycle(VariableScope scope) {
    // instances started before intake numbered every cycle carry none: their lead's first
    return scope.getVariable(CYCLE) instanceof Number number ? number.intValue() : 1;
  }

  public static String owner(VariableScope scope) {
    return (String) scope.getVariable(OWNER);
  }

  public static String ownerGroup(VariableScope scope) {
    return (String) scope.getVariable(OWNER_GROUP);
  }

  public static String stage(VariableScope scope) {
    return (String) scope.getVariable(STAGE);
  }
}
