package io.leadsla.notification;

import io.leadsla.metrics.SlaCounters;
import io.leadsla.sla.SlaClockLog;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * An SLA notification decided: its recipients by kind, one mail each queued in the outbox (sent after the
 * caller's transaction commits), and what follows from it (breaches counted, an executive escalation recorded on
 * the clock run, a hot lead queued for the chat).
 */
@Service
class SlaNotifications {

  private final SlaMailWriter mailer;
  private final NotificationOutbox outbox;
  private final NotificationRecipients recipients;
  private final ChatWebhook chat;
  private final SlaCounters meters;
  private final SlaClockLog clocks;

  SlaNotifications(SlaMailWriter mailer, NotificationOutbox outbox, NotificationRecipients recipients, ChatWebhook chat,
      SlaCounters meters, SlaClockLog clocks) {
    this.mailer = mailer;
    this.outbox = outbox;
    this.recipients = recipients;
    this.chat = chat;
    this.meters = meters;
    this.clocks = clocks;
  }

  /**
   * Queues the notification's mails in the caller's transaction; {@code processInstanceId} shows an incident if
   * one cannot be sent. False if nobody could be told (no recipient has an e-mail address).
   */
  public boolean send(SlaNotification notification, String ownerGroup, String processInstanceId) {
    NotificationKind kind = notification.kind();
    Instant now = ClockUtil.getCurrentTime().toInstant();
    List<Recipient> to = recipients.of(kind, notification.owner(), ownerGroup);
    for (Recipient recipient : to) {
      outbox.enqueue(mailer.compose(notification, recipient), processInstanceId, now);
    }
    if (kind == NotificationKind.BREACH || kind == NotificationKind.ESCALATION) {
      meters.breach(notification.stage(), kind == NotificationKind.BREACH ? "manager" : "executives");
    }
    if (kind == NotificationKind.ESCALATION) {
      clocks.escalated(notification.leadId(), notification.cycle(), notification.stage(), notification.round(), now);
    }
    if (kind == NotificationKind.ALERT && "T1".equals(notification.tier())) {
      chat.hotLead(notification).ifPresent(post -> outbox.enqueue(post, processInstanceId, now));
    }
    return !to.isEmpty();
  }
}
