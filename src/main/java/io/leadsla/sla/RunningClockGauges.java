package io.leadsla.sla;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.management.Metrics;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database: leads open per stage and the oldest one's age (running clocks), due jobs and
 * jobs out of retries, and the engine's own job-executor counters. One snapshot serves all gauges for a few
 * seconds, so a scrape costs a handful of indexed queries.
 */
@Component
class RunningClockGauges {

  static final Duration SNAPSHOT_AGE = Duration.ofSeconds(10);

  private final SlaClockLog clocks;
  private final ManagementService management;
  private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, Map.of(), Map.of(), 0, 0);

  record Snapshot(Instant takenAt, Map<String, Long> open, Map<String, Long> oldestSeconds, long dueJobs,
      long failedJobs) {}

  RunningClockGauges(SlaClockLog clocks, ManagementService management, MeterRegistry registry) {
    this.clocks = clocks;
    this.management = management;
    for (SlaStage stage : SlaStage.values()) {
      Gauge.builder("leadsla.leads.open", this, g -> g.current().open().getOrDefault(stage.key(), 0L))
          .description("Leads on a running SLA clock, by stage").tag("stage", stage.key()).register(registry);
      Gauge.builder("leadsla.leads.oldest.waiting", this, g -> g.current().oldestSeconds().getOrDefault(stage.key(), 0L))
          .description("Age of the oldest lead on a running SLA clock, by stage").baseUnit("seconds")
          .tag("stage", stage.key()).register(registry);
    }
    Gauge.builder("leadsla.jobs.due", this, g -> g.current().dueJobs())
        .description("Engine jobs (timers, mails) due now and not yet run").register(registry);
    Gauge.builder("leadsla.jobs.failed", this, g -> g.current().failedJobs())
        .description("Engine jobs out of retries (incidents)").register(registry);
    for (String metric : new String[] {Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED, Metrics.JOB_ACQUIRED_SUCCESS,
        Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.JOB_EXECUTION_REJECTED}) {
      FunctionCounter.builder("camunda.job.executor", management, m -> m.createMetricsQuery().name(metric).sum())
          .description("Camunda job executor metric (reported by the engine every 15 minutes)")
          .tag("metric", metric).register(registry);
    }
  }

  Snapshot current() {
    Snapshot taken = snapshot;
    Instant now = Instant.now();
    if (Duration.between(taken.takenAt(), now).compareTo(SNAPSHOT_AGE) < 0) {
      return taken;
    }
    Map<String, Long> open = new HashMap<>();
    Map<String, Long> oldest = new HashMap<>();
    clocks.runningByStage().forEach((stage, running) -> {
      open.put(stage, running.count());
      oldest.put(stage, running.oldestStart() == null ? 0 : Duration.between(running.oldestStart(), now).toSeconds());
    });
    Snapshot fresh = new Snapshot(now, open, oldest,
        management.createJobQuery().executable().count(), management.createJobQuery().noRetriesLeft().count());
    snapshot = fresh;
    return fresh;
  }
}
