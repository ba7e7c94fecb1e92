package io.leadsla.timeline;

import java.time.Instant;

/**
 * One thing that happened to a lead: when, in which cycle and stage (null when it belongs to no stage), who did it
 * (null for the application), what kind of thing, a sentence a rep reads, and until when it lasts: a pause's end,
 * a stage clock's deadline.
 */
public record TimelineEntry(Instant at, int cycle, String stage, String by, Kind kind, String text, Instant until) {

  TimelineEntry(Instant at, int cycle, String stage, String by, Kind kind, String text) {
    this(at, cycle, stage, by, kind, text, null);
  }

  /** What the entry is about, in the order they are listed when two happen at the same instant. */
  public enum Kind { ARRIVED, ASSIGNED, CLOCK_STARTED, TOUCH, PAUSED, MISSED_SLA, ESCALATED, ENDED }
}
