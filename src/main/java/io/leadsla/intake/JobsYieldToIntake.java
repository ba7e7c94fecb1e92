package io.leadsla.intake;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.leadsla.LeadSlaProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * While intake is (nearly) full, the job executor works with fewer threads. On a node of two cores the job
 * threads (starting the accepted leads) and the requests share the CPU; when the intake
 * slots fill up, every core a job takes is one a waiting submission does not get, and the answer, accepted or
 * 503, comes late or is a 503. So when three quarters of the slots are taken, or a submission is refused, the
 * job threads drop to {@code leadsla.intake.job-threads-while-shedding} and come back once intake was below that
 * for {@code leadsla.intake.shedding-calm}. Jobs are still taken by priority (engine/TimersFirst), so a due
 * timer is next for a free thread, though it may wait behind the few jobs already taken (the burst benchmark
 * measures that lateness). A job running when the threads drop finishes, and one the smaller pool turns away goes
 * back to the engine's acquisition: nothing is lost.
 */
@Component
class JobsYieldToIntake {

  private static final Logger LOG = LoggerFactory.getLogger(JobsYieldToIntake.class);

  private final ThreadPoolTaskExecutor jobThreads;
  private final int normal;
  private final int normalCore;
  private final int whileShedding;
  private final Duration calm;
  private final Clock clock;
  private volatile Instant lastRefusal = Instant.MIN;   // or the last admission into a nearly full intake
  private boolean yielding;

  /** Without a job executor on this node (camunda.bpm.job-execution.enabled=false) there is nothing to yield. */
  @Autowired
  JobsYieldToIntake(@Qualifier("camundaTaskExecutor") ObjectProvider<TaskExecutor> jobExecutor,
      Bulkhead intakeBulkhead, LeadSlaProperties properties) {
    this(jobExecutor.getIfAvailable(), intakeBulkhead, properties.intake().jobThreadsWhileShedding(),
        properties.intake().sheddingCalm(), Clock.systemUTC());
  }

  JobsYieldToIntake(TaskExecutor jobExecutor, Bulkhead intakeBulkhead, int whileShedding, Duration calm,
      Clock clock) {
    this.jobThreads = jobExecutor instanceof ThreadPoolTaskExecutor pool ? pool : null;
    this.normal = jobThreads == null ? 0 : jobThreads.getMaxPoolSize();
    this.normalCore = jobThreads == null ? 0 : jobThreads.getCorePoolSize();
    this.whileShedding = Math.max(1, Math.min(whileShedding, normal));
    this.calm = calm;
    this.clock = clock;
    int slots = intakeBulkhead.getBulkheadConfig().getMaxConcurrentCalls();
    // both run inside tryAcquirePermission, after a slot was taken: nothing may escape them, or the slot leaks
    intakeBulkhead.getEventPublisher().onCallRejected(event -> safely(this::pressed));
    // three quarters of the slots taken: yield before the first submission is turned away
    intakeBulkhead.getEventPublisher().onCallPermitted(event -> safely(() -> {
      if (intakeBulkhead.getMetrics().getAvailableConcurrentCalls() * 4 <= slots) {
        pressed();
      }
    }));
  }

  private static void safely(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("Could not resize the job threads: {}", e.getMessage());
    }
  }

  /** Intake is (nearly) full: the job threads yield (once, until it is calm again). */
  void pressed() {
    lastRefusal = clock.instant();
    synchronized (this) {
      if (!yielding && jobThreads != null && whileShedding < normal) {
        yielding = true;
        jobThreads.setCorePoolSize(Math.min(whileShedding, normalCore));   // core <= max at every step
        jobThreads.setMaxPoolSize(whileShedding);
        LOG.info("Intake is shedding: job threads down to {} of {}", whileShedding, normal);
      }
    }
  }

  /** Back to all job threads once no submission was refused for a while. */
  @Scheduled(fixedDelay = 500)
  synchronized void restoreWhenCalm() {
    if (yielding && clock.instant().isAfter(lastRefusal.plus(calm))) {
      yielding = false;
      jobThreads.setMaxPoolSize(normal);
      jobThreads.setCorePoolSize(normalCore);
      LOG.info("Intake is calm again: job threads back to {}", normal);
    }
  }

  int threads() {
    return jobThreads == null ? 0 : jobThreads.getMaxPoolSize();
  }
}
