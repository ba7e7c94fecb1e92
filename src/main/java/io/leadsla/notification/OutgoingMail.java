package io.leadsla.notification;

/**
 * One mail to one recipient, ready to send. {@code dedupKey} names the notification (e.g. lead/cycle/stage/kind/
 * round); with the recipient it is the outbox key that lets the mail go out once.
 */
public record OutgoingMail(
    String dedupKey, NotificationKind kind, String leadId, Integer cycle, String stage, Integer round,
    String to, String subject, String text, String html) {

  /** The key of an SLA or lead notification: lead, cycle, stage, kind and the run of the stage clock. */
  public static String leadKey(String leadId, int cycle, String stage, NotificationKind kind, int round) {
    return leadId + "/" + cycle + "/" + stage + "/" + kind + "/" + round;
  }
}
