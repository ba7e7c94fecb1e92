package io.leadsla.sla;

import io.leadsla.notification.NotificationSender;
import java.util.Map;
import java.util.WeakHashMap;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.stereotype.Component;

/**
 * Test glue: which notification sender belongs to which engine, so that {@link LeadCycleDriver}, which knows only
 * the engine, can send a test's queued mails (several Spring test contexts, each with its engine, live at once).
 */
@Component
class NotificationSenders {

  private static final Map<ProcessEngine, NotificationSender> SENDERS = new WeakHashMap<>();

  NotificationSenders(ProcessEngine engine, NotificationSender sender) {
    synchronized (SENDERS) {
      SENDERS.put(engine, sender);
    }
  }

  static NotificationSender of(ProcessEngine engine) {
    synchronized (SENDERS) {
      NotificationSender sender = SENDERS.get(engine);
      if (sender == null) {
        throw new IllegalStateException("No notification sender for this engine (not a Spring test context?)");
      }
      return sender;
    }
  }
}
