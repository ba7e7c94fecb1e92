package io.leadsla.notification;

import java.time.Instant;

/** What a mail says about one lead at one moment of one stage clock run. */
public record SlaNotification(
    NotificationKind kind,
    String stage,
    int round,
    String leadId,
    int cycle,
    String leadName,
    String company,
    String source,
    Object score,
    String tier,
    String owner,
    String ownerName,
    Instant arrivedAt,
    Instant deadline,
    Instant now,
    String taskLink) {

  String dedupKey() {
    return OutgoingMail.leadKey(leadId, cycle, stage, kind, round);
  }
}
