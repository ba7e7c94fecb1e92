package io.leadsla.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The application's counters for Prometheus (/actuator/prometheus). Each counts once its transaction commits,
 * so a job that fails and runs again is not counted twice.
 */
@Component
public class SlaCounters {

  private final MeterRegistry registry;

  SlaCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A lead cycle started (a new lead or a returning one). */
  public void leadIn(String source) {
    afterCommit(counter("leadsla.leads.in", "Lead cycles started", "source", source));
  }

  public void touch(String outcome) {
    afterCommit(counter("leadsla.touches", "Touches logged by reps", "outcome", outcome));
  }

  /** A missed SLA reported to a level: {@code manager} (the breach) or {@code executives} (the escalation). */
  public void breach(String stage, String level) {
    afterCommit(Counter.builder("leadsla.sla.breaches").description("SLA breaches reported, by stage and level")
        .tag("stage", String.valueOf(stage)).tag("level", level).register(registry));
  }

  /** A notification went out or failed (each attempt that failed counts). Outbox state commits on its own. */
  public void notification(String kind, boolean sent) {
    Counter.builder("leadsla.notifications").description("Notifications sent or failed, by kind")
        .tag("kind", kind).tag("result", sent ? "sent" : "failed").register(registry).increment();
  }

  private Counter counter(String name, String description, String tag, String value) {
    return Counter.builder(name).description(description).tag(tag, value == null ? "none" : value).register(registry);
  }

  private static void afterCommit(Counter counter) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          counter.increment();
        }
      });
    } else {
      counter.increment();
    }
  }
}
