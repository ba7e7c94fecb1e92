package io.leadsla.intake;

/** What a submission did: a new lead, a returning lead's new cycle, or new interest in an open cycle. */
public record IntakeResult(String leadId, int cycle, Outcome outcome, String processInstanceId) {

  public enum Outcome {
    /** First cycle of a new lead. */
    CREATED,
    /** The lead's last cycle had ended: cycle n + 1. */
    REENGAGED,
    /** The lead has an open cycle: its owner sees the new interest and a higher score, no second instance. */
    ABSORBED
  }
}
