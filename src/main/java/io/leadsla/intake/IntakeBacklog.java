package io.leadsla.intake;

import io.leadsla.LeadSlaProperties;
import io.leadsla.sla.LeadCycleProcess;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Accepted leads whose start job has not run yet: the queue a burst leaves behind, shared by every node through
 * the database. Counted once a second (not per request); shown in readiness and as a gauge, and intake stops
 * accepting when it passes {@code leadsla.intake.max-backlog}.
 */
@Component("intakeBacklog")
class IntakeBacklog implements HealthIndicator {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeBacklog.class);

  private final ManagementService managementService;
  private final int max;
  private volatile long waiting;

  IntakeBacklog(ManagementService managementService, LeadSlaProperties properties, MeterRegistry meters) {
    this.managementService = managementService;
    this.max = properties.intake().maxBacklog();
    Gauge.builder("leadsla.intake.backlog", () -> waiting)
        .description("Accepted leads whose start job has not run yet").register(meters);
  }

  @Scheduled(fixedDelayString = "${leadsla.intake.backlog-check:PT1S}")
  void count() {
    try {
      waiting = managementService.createJobQuery().activityId(LeadCycleProcess.TASK_PREPARE_LEAD).count();
    } catch (RuntimeException e) {
      LOG.warn("Could not count the intake backlog: {}", e.getMessage());
    }
  }

  long waiting() {
    return waiting;
  }

  boolean full() {
    return waiting > max;
  }

  /** Reports the backlog without failing readiness: every node sees the same backlog, and reps still work. */
  @Override
  public Health health() {
    return Health.up().withDetails(Map.of("waiting", waiting, "max", max, "accepting", !full())).build();
  }
}
