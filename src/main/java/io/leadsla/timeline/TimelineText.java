package io.leadsla.timeline;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The timeline as the lead's task forms show it: one line per entry, oldest first, each with its time in the
 * team's zone, 24-hour and with the zone named ("Tue 1 Dec 20:03 UTC"), the stage and who did it.
 */
public final class TimelineText {

  private TimelineText() {}

  public static String of(List<TimelineEntry> entries, ZoneId zone) {
    if (entries.isEmpty()) {
      return "Nothing yet.";
    }
    return entries.stream().map(entry -> line(entry, zone)).collect(Collectors.joining("\n"));
  }

  static String line(TimelineEntry entry, ZoneId zone) {
    return HumanTime.at(entry.at(), zone) + " · cycle " + entry.cycle() + (entry.stage() == null ? "" : " · " + entry.stage())
        + " · " + (entry.by() == null ? "" : entry.by() + ": ") + entry.text()
        + (entry.until() == null ? "" : (entry.kind() == TimelineEntry.Kind.CLOCK_STARTED ? ", due " : ", until ")
            + HumanTime.at(entry.until(), zone));
  }

}
