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
 * threads (starting the accepted leads, sending their mails) and the requests share the CPU; when the intake
 * slots fill up, every core a job takes is one a waiting submission does not get, and the answer, accepted or
 * 503, comes late or is a 503. So when three quarters of the slots are taken, or a submission is refused, the
 * job threads drop to {@code leadsla.intake.job-threads-while-shedding} and come back once intake was below that
 * for {@code leadsla.intake.shedding-calm}. Timers keep their lead
 * (jobs are taken by priority, see engine/TimersFirst): fewer threads slow the backlog, not the SLA clocks. A job
 * running when the threads drop finishes; nothing is lost.
 */
@Component
class JobsYieldToIntake {

  private static final Logger LOG = LoggerFactory.getLogger(JobsYieldToIntake.class);

  private final ThreadPoolTaskExecutor jobThreads;
  private final int normal;
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
    this.whileShedding = Math.max(1, Math.min(whileShedding, normal));
    this.calm = calm;
    this.clock = clock;
    int slots = intakeBulkhead.getBulkheadConfig().getMaxConcurrentCalls();
    intakeBulkhead.getEventPublisher().onCallRejected(event -> pressed());
    // three quarters of the slots taken: yield before the first submission is turned away
    intakeBulkhead.getEventPublisher().onCallPermitted(event -> {
      if (intakeBulkhead.getMetrics().getAvailableConcurrentCalls() * 4 <= slots) {
        pressed();
      }
    });
  }

  /** Intake is (nearly) full: the job threads yield (once, until it is calm again). */
  void pressed() {
    lastRefusal = clock.instant();
    synchronized (this) {
      if (!yielding && jobThreads != null && whileShedding < normal) {
        yielding = true;
        resize(whileShedding);
        LOG.info("Intake is shedding: job threads down to {} of {}", whileShedding, normal);
      }
    }
  }

  /** Back to all job threads once no submission was refused for a while. */
  @Scheduled(fixedDelay = 500)
  synchronized void restoreWhenCalm() {
    if (yielding && clock.instant().isAfter(lastRefusal.plus(calm))) {
      yielding = false;
      resize(normal);
      LOG.info("Intake is calm again: job threads back to {}", normal);
    }
  }

  int threads() {
    return jobThreads == null ? 0 : jobThreads.getMaxPoolSize();
  }

  private void resize(int threads) {
    // the order keeps core <= max at every step
    if (threads < jobThreads.getMaxPoolSize()) {
      jobThreads.setCorePoolSize(threads);
      jobThreads.setMaxPoolSize(threads);
    } else {
      jobThreads.setMaxPoolSize(threads);
      jobThreads.setCorePoolSize(threads);
    }
  }
}
