package io.leadsla.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** One team's SLA figures for one day in the team's time zone. */
public record TeamDayFigures(
    String team,
    LocalDate day,
    int leadsIn,
    int pickedUp,
    Duration medianFirstTouch,
    Duration p90FirstTouch,
    Map<String, StageCompliance> complianceByStage,
    Map<String, Integer> breachesByRep,
    List<WaitingLead> oldestWaiting,
    List<Pause> pauses) {

  /** A lead that asked to wait: its clock stopped until the follow-up, not counted as met or missed. */
  public record Pause(String leadId, String stage, String owner, Instant pausedAt, Instant resumesAt, String reason) {}

  /** Stage clocks whose deadline fell on the day: how many there were and how many were met. */
  public record StageCompliance(int due, int met) {}

  /** A lead on an SLA clock right now, oldest first. */
  public record WaitingLead(String leadId, int cycle, String name, String stage, String owner, Instant since,
      Instant deadline) {}
}
