package io.leadsla.notification;

import java.time.Instant;

/** What a mail says about one lead at one moment. */
public record SlaNotification(
    NotificationKind kind,
    String stage,
    String leadId,
    int cycle,
    String leadName,
    String company,
    String source,
    Object score,
    String owner,
    Instant deadline,
    Instant now,
    String taskLink) {}
