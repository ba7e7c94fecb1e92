package io.leadsla.notification;

import io.leadsla.metrics.SlaCounters;
import io.leadsla.sla.SlaClockLog;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Service;

/**
 * An SLA notification going out: its recipients by kind, one mail each through the outbox, and what follows from
 * it (breaches counted, an executive escalation recorded on the clock run, a hot lead posted to chat).
 */
@Service
class SlaNotifications {

  private final SlaMailWriter mailer;
  private final OutboxMailer outbox;
  private final NotificationRecipients recipients;
  private final ChatWebhook chat;
  private final SlaCounters meters;
  private final SlaClockLog clocks;

  SlaNotifications(SlaMailWriter mailer, OutboxMailer outbox, NotificationRecipients recipients, ChatWebhook chat,
      SlaCounters meters, SlaClockLog clocks) {
    this.mailer = mailer;
    this.outbox = outbox;
    this.recipients = recipients;
    this.chat = chat;
    this.meters = meters;
    this.clocks = clocks;
  }

  public void send(SlaNotification notification, String ownerGroup) {
    NotificationKind kind = notification.kind();
    List<Recipient> to = recipients.of(kind, notification.owner(), ownerGroup);
    if (to.isEmpty()) {
      throw new IllegalStateException("Nobody to send the " + kind + " mail for lead " + notification.leadId()
          + " to: give the users an email address in Camunda Admin");
    }
    // every recipient gets their attempt; one failure (e.g. a rejected address) fails the job after the others
    RuntimeException failure = null;
    for (Recipient recipient : to) {
      try {
        outbox.deliver(mailer.compose(notification, recipient));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    if (kind == NotificationKind.BREACH || kind == NotificationKind.ESCALATION) {
      meters.breach(notification.stage(), kind == NotificationKind.BREACH ? "manager" : "executives");
    }
    if (kind == NotificationKind.ESCALATION) {
      clocks.escalated(notification.leadId(), notification.cycle(), notification.stage(), notification.round(),
          ClockUtil.getCurrentTime().toInstant());
    }
    if (kind == NotificationKind.ALERT && "T1".equals(notification.tier())) {
      chat.postHotLead(notification);
    }
  }
}
