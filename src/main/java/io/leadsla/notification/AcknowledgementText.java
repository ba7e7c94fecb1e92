package io.leadsla.notification;

import io.leadsla.clock.TeamCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of the acknowledgement a lead gets that depend on the moment: who will call, and by when (the rep's
 * deadline). The rest of the mail is the template {@code templates/mail/acknowledgement}.
 */
final class AcknowledgementText {

  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("EEEE d MMMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private AcknowledgementText() {}

  static String subject(String leadName) {
    return "Thank you for getting in touch, " + MailText.oneLine(leadName, 100);
  }

  /**
   * Who will call and by when: the rep's own deadline, in the team's zone. "Within 5 minutes (by 09:35)" when the
   * clock runs from the lead's arrival; otherwise the day and time, after "outside our working hours" when the
   * lead arrived while the team was off.
   */
  static String when(String ownerFirstName, Instant arrivedAt, Duration responseSla, Instant respondBy,
      TeamCalendar team) {
    String who = ownerFirstName == null ? "Someone from our sales team" : MailText.oneLine(ownerFirstName, 60)
        + " from our sales team";
    ZonedDateTime by = respondBy.atZone(team.zone());
    if (!respondBy.isAfter(arrivedAt.plus(responseSla))) {
      return who + " will get in touch with you within " + humanized(responseSla) + " (by " + by.format(TIME) + " "
          + team.zone().getId() + ").";
    }
    String byWhen = by.format(DAY_AND_TIME) + " (" + team.zone().getId() + ").";
    return team.isWorking(arrivedAt) ? who + " will get in touch with you by " + byWhen
        : "You reached us outside our working hours. " + who + " will call you when we are back, by " + byWhen;
  }

  /** PT5M as "5 minutes", PT4H30M as "4 hours 30 minutes", P2D as "2 days". */
  static String humanized(Duration duration) {
    List<String> parts = new ArrayList<>();
    add(parts, duration.toDaysPart(), "day");
    add(parts, duration.toHoursPart(), "hour");
    add(parts, duration.toMinutesPart(), "minute");
    return parts.isEmpty() ? "a minute" : String.join(" ", parts);
  }

  private static void add(List<String> parts, long amount, String unit) {
    if (amount > 0) {
      parts.add(amount + " " + unit + (amount == 1 ? "" : "s"));
    }
  }
}
