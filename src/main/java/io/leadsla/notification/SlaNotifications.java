package io.leadsla.notification;

import io.leadsla.metrics.SlaCounters;
import io.leadsla.sla.SlaClockLog;
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
   * one cannot be sent. Nobody to tell (no recipient, not even a manager, has an e-mail address) is a setup error:
   * the step fails and retries (an incident on its job) until an address is set.
   */
  public void send(SlaNotification notification, String ownerGroup, String processInstanceId) {
    NotificationKind kind = notification.kind();
    List<Recipient> to = recipients.of(kind, notification.owner(), ownerGroup);
    if (to.isEmpty()) {
      throw new IllegalStateException("Nobody to send the " + kind + " mail for lead " + notification.leadId()
          + " to: neither the owner, the team nor the managers have an e-mail address in Camunda Admin");
    }
    for (Recipient recipient : to) {
      outbox.enqueue(mailer.compose(notification, recipient), processInstanceId);
    }
    if (kind == NotificationKind.BREACH || kind == NotificationKind.ESCALATION) {
      meters.breach(notification.stage(), kind == NotificationKind.BREACH ? "manager" : "executives");
    }
    if (kind == NotificationKind.ESCALATION) {
      clocks.escalated(notification.leadId(), notification.cycle(), notification.stage(), notification.round(),
          ClockUtil.getCurrentTime().toInstant());
    }
    if (kind == NotificationKind.ALERT && "T1".equals(notification.tier())) {
      chat.hotLead(notification).ifPresent(post -> outbox.enqueue(post, processInstanceId));
    }
  }
}
