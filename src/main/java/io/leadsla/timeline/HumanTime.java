package io.leadsla.timeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Times as the sales team reads them: the weekday, 24-hour, the zone named, and how long until or since. */
public final class HumanTime {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz", Locale.ENGLISH);

  private HumanTime() {}

  /** "Tue 3 Mar 09:05 UTC". */
  public static String at(Instant moment, ZoneId zone) {
    return TIME.format(moment.atZone(zone));
  }

  /** "Tue 3 Mar 09:05 UTC, in 4 min" or "Tue 3 Mar 09:05 UTC, overdue by 1 h 20 min". */
  public static String deadline(Instant deadline, Instant now, ZoneId zone) {
    Duration left = Duration.between(now, deadline);
    return at(deadline, zone) + (left.isNegative() ? ", overdue by " + span(left.negated()) : ", in " + span(left));
  }

  /** "4 min", "1 h 20 min", "2 days 3 h"; under a minute is "1 min". */
  static String span(Duration duration) {
    long minutes = Math.max(1, (duration.getSeconds() + 59) / 60);
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long rest = minutes % 60;
    if (days > 0) {
      return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
    }
    return hours > 0 ? hours + " h" + (rest > 0 ? " " + rest + " min" : "") : rest + " min";
  }
}
