package io.leadsla.lead;

import java.time.Instant;

/**
 * What happens to a lead's cycle, published in the engine's transaction by the table that records it. The report
 * columns ({@link CycleReportColumns}) and the cadence ({@link CadenceLog}) follow from these, so the stores do
 * not call each other.
 */
public final class CycleEvents {

  private CycleEvents() {}

  /** A run of a stage's clock started; round 1 of the response stage is the cycle's first clock. */
  public record ClockStarted(String leadId, int cycle, String stage, int round, String team, String owner,
      Instant startedAt, Instant deadline) {}

  /** A touch was stored. */
  public record TouchLogged(Touch touch) {}

  /** The cycle ended with a disposition. */
  public record CycleEnded(String leadId, int cycle, Instant at) {}
}
