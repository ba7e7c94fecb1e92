package io.leadsla.routing;

import java.util.Locale;

/**
 * What a pick is for, as recorded in {@code lead_assignment}: the lead, its stage, the owner it leaves, why, and
 * which kind of pick it is.
 */
public record Assignment(String leadId, int cycle, String stage, String fromOwner, String reason, Kind kind) {

  /** Only a {@link #REASSIGNED} pick is a reassignment in the reports. */
  public enum Kind {
    /** The stage's first owner: a new lead, or the hand-off to an account executive (from the SDR it names). */
    FIRST,
    /** Taken from one owner of the team and given to another (the manager's choice, the SLA's expiry). */
    REASSIGNED,
    /** Claimed from the team queue by a member. */
    CLAIMED;

    String column() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
