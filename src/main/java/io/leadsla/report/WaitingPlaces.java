package io.leadsla.report;

import java.util.List;

/**
 * Where every lead that is not ended waits now (the "black holes" view), defined once: the figures of
 * {@code waitingNow} count these rows and the dashboard's list of a place shows them, so a bar of 3 lists 3 leads.
 * A lead is in exactly one place, in this order of precedence: on a stage's clock with an owner (per stage), on a
 * clock in the team queue (no owner), paused until a follow-up date, in a cadence between touches, between steps
 * (the job that moves it on has not run yet: no clock, pause or cadence), or in nurture (its last cycle ended so,
 * and no new cycle). A row: lead_id, cycle, place, owner, since (when it began to wait there), due (the clock's
 * deadline or the pause's end; none for the others).
 */
final class WaitingPlaces {

  static final List<String> PLACES = List.of("response", "qualification", "handoff", "team queue", "pause",
      "cadence", "between steps", "nurture");

  /**
   * A stage clock (alias k) of a cycle (alias c, joined on lead and cycle) on which the lead waits now: running, in
   * a cycle that is not ended and has started by {@code :now}; a clock that starts counting later, when its team
   * opens (a lead in after hours), is one too. The open-leads figure and list count the same clocks.
   */
  static final String ON_A_RUNNING_CLOCK = "k.running = TRUE AND c.ended_at IS NULL AND c.started_at <= :now";

  private static final String RUNNING_CLOCK = "SELECT 1 FROM sla_clock k WHERE k.lead_id = c.lead_id "
      + "AND k.cycle = c.cycle AND k.running = TRUE";
  private static final String ACTIVE_PAUSE = "SELECT 1 FROM sla_pause p WHERE p.lead_id = c.lead_id "
      + "AND p.cycle = c.cycle AND p.resumes_at > :now";
  private static final String RUNNING_CADENCE = "SELECT 1 FROM lead_cadence d WHERE d.lead_id = c.lead_id "
      + "AND d.cycle = c.cycle AND d.ended_at IS NULL";
  private static final String NO_DUE = "CAST(NULL AS TIMESTAMP)";

  private WaitingPlaces() {}

  /**
   * The rows as a query with the parameter {@code :now} (and {@code :team} if a team is given: the cycle's team,
   * the team of its last owner).
   */
  static String rows(String team) {
    String ofTeam = team == null ? "" : " AND c.team = :team";
    // a clock that starts counting when its team opens (a lead in after hours) waits on it from now
    return "SELECT c.lead_id, c.cycle, CASE WHEN k.owner IS NULL THEN 'team queue' ELSE k.stage END AS place, "
        + "k.owner, CASE WHEN k.started_at > :now THEN :now ELSE k.started_at END AS since, k.deadline AS due "
        + "FROM sla_clock k JOIN lead_cycle c ON c.lead_id = k.lead_id AND c.cycle = k.cycle "
        + "WHERE " + ON_A_RUNNING_CLOCK + ofTeam
        + " UNION ALL SELECT c.lead_id, c.cycle, 'pause', c.owner, p.paused_at, p.resumes_at FROM sla_pause p "
        + "JOIN lead_cycle c ON c.lead_id = p.lead_id AND c.cycle = p.cycle WHERE c.ended_at IS NULL "
        + "AND p.resumes_at > :now" + ofTeam + " AND NOT EXISTS (" + RUNNING_CLOCK + ")"
        + " UNION ALL SELECT c.lead_id, c.cycle, 'cadence', c.owner, d.started_at, " + NO_DUE + " FROM lead_cadence d "
        + "JOIN lead_cycle c ON c.lead_id = d.lead_id AND c.cycle = d.cycle WHERE c.ended_at IS NULL "
        + "AND d.ended_at IS NULL" + ofTeam + " AND NOT EXISTS (" + RUNNING_CLOCK + ") AND NOT EXISTS ("
        + ACTIVE_PAUSE + ")"
        + " UNION ALL SELECT c.lead_id, c.cycle, 'between steps', c.owner, c.started_at, " + NO_DUE
        + " FROM lead_cycle c WHERE c.ended_at IS NULL AND c.started_at <= :now" + ofTeam + " AND NOT EXISTS ("
        + RUNNING_CLOCK + ") AND NOT EXISTS (" + ACTIVE_PAUSE + ") AND NOT EXISTS (" + RUNNING_CADENCE + ")"
        + " UNION ALL SELECT c.lead_id, c.cycle, 'nurture', c.owner, c.ended_at, " + NO_DUE + " FROM lead_cycle c "
        + "WHERE c.disposition = 'nurture' AND c.ended_at <= :now" + ofTeam + " AND NOT EXISTS (SELECT 1 FROM "
        + "lead_cycle n WHERE n.lead_id = c.lead_id AND n.cycle > c.cycle AND n.started_at <= :now)";
  }
}
