package io.leadsla.notification;

import io.leadsla.clock.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of the acknowledgement a lead gets that depend on the moment: who will call, and when. Inside working
 * hours that is "within the response SLA"; outside them it is the moment the team is back. The rest of the mail is
 * the template {@code templates/mail/acknowledgement}.
 */
final class AcknowledgementText {

  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("EEEE d MMMM 'from' HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  private AcknowledgementText() {}

  static String subject(String leadName) {
    return "Thank you for getting in touch, " + MailText.oneLine(leadName, 100);
  }

  /** Who will call and when: within the response SLA in working hours, else when the team is back. */
  static String when(String ownerFirstName, Instant arrivedAt, Duration responseSla, Instant respondBy,
      WorkingHours hours) {
    String who = ownerFirstName == null ? "Someone from our sales team" : MailText.oneLine(ownerFirstName, 60)
        + " from our sales team";
    if (hours.isOpen(arrivedAt)) {
      ZonedDateTime by = respondBy.atZone(hours.zone());
      return who + " will get in touch with you within " + humanized(responseSla) + " (by " + by.format(TIME) + " "
          + hours.zone().getId() + ").";
    }
    ZonedDateTime back = hours.nextOpening(arrivedAt).atZone(hours.zone());
    return "You reached us outside our working hours. " + who + " will call you when we are back: "
        + back.format(DAY_AND_TIME) + " (" + hours.zone().getId() + ").";
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
