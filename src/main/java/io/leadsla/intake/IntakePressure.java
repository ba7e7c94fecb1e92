package io.leadsla.intake;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
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
 * What a node does while intake is under pressure, and undoes once it is calm again for
 * {@code leadsla.intake.shedding-calm}:
 * <ul>
 *   <li><b>Job threads yield.</b> On a node of two cores the job threads (starting the accepted leads) and the
 *   requests share the CPU; every core a job takes is one a submission does not get, and its answer, accepted or
 *   503, comes late. So when three quarters of the intake slots are taken, or a submission is refused, the job
 *   threads drop to {@code leadsla.intake.job-threads-while-shedding}. Jobs are still taken by priority
 *   (engine/TimersFirst), so a due timer is next for a free thread. A job running when the threads drop finishes,
 *   and one the smaller pool turns away goes back to the engine's acquisition: nothing is lost.</li>
 *   <li><b>Submissions stop waiting for a slot.</b> While calm, a submission that finds every slot taken waits
 *   up to {@code leadsla.intake.max-wait} for one: a short stall (a GC pause, a checkpoint) then costs a few
 *   milliseconds, not a 503. Once a submission was refused for want of a slot the node is beyond what it
 *   takes, and waiting only makes the refusals slow and keeps threads busy: until it is calm (checked every half
 *   second), a submission without a free slot is refused at once. The price: a slot that would have come free
 *   within the wait is not waited for, so more submissions are refused while the node sheds.</li>
 * </ul>
 */
@Component
class IntakePressure {

  private static final Logger LOG = LoggerFactory.getLogger(IntakePressure.class);

  private final ThreadPoolTaskExecutor jobThreads;
  private final int normal;
  private final int normalCore;
  private final int whileShedding;
  private final Bulkhead intake;
  private final BulkheadConfig calmIntake;
  private final Duration calm;
  private final Clock clock;
  private volatile Instant lastPressed = Instant.MIN;   // a refusal, or an admission into a nearly full intake
  private volatile Instant lastRefusal = Instant.MIN;
  private boolean yielding;
  private boolean failingFast;

  /** Without a job executor on this node (camunda.bpm.job-execution.enabled=false) there is nothing to yield. */
  @Autowired
  IntakePressure(@Qualifier("camundaTaskExecutor") ObjectProvider<TaskExecutor> jobExecutor,
      Bulkhead intakeBulkhead, LeadSlaProperties properties) {
    this(jobExecutor.getIfAvailable(), intakeBulkhead, properties.intake().jobThreadsWhileShedding(),
        properties.intake().sheddingCalm(), Clock.systemUTC());
  }

  IntakePressure(TaskExecutor jobExecutor, Bulkhead intakeBulkhead, int whileShedding, Duration calm,
      Clock clock) {
    this.jobThreads = jobExecutor instanceof ThreadPoolTaskExecutor pool ? pool : null;
    this.normal = jobThreads == null ? 0 : jobThreads.getMaxPoolSize();
    this.normalCore = jobThreads == null ? 0 : jobThreads.getCorePoolSize();
    this.whileShedding = Math.max(1, Math.min(whileShedding, normal));
    this.intake = intakeBulkhead;
    this.calmIntake = intakeBulkhead.getBulkheadConfig();
    this.calm = calm;
    this.clock = clock;
    int slots = calmIntake.getMaxConcurrentCalls();
    // both run inside tryAcquirePermission: nothing may escape them, or a slot taken leaks
    intakeBulkhead.getEventPublisher().onCallRejected(event -> safely(this::refused));
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
      LOG.warn("Could not react to the intake's pressure: {}", e.getMessage());
    }
  }

  /** A submission was refused: the job threads yield and no submission waits for a slot, until it is calm. */
  void refused() {
    lastRefusal = clock.instant();
    pressed();
    synchronized (this) {
      if (!failingFast && !calmIntake.getMaxWaitDuration().isZero()) {
        intake.changeConfig(BulkheadConfig.from(calmIntake).maxWaitDuration(Duration.ZERO).build());
        failingFast = true;
        LOG.info("Intake is shedding: submissions no longer wait for a slot");
      }
    }
  }

  /** Intake is (nearly) full: the job threads yield (once, until it is calm again). */
  void pressed() {
    lastPressed = clock.instant();
    synchronized (this) {
      if (!yielding && jobThreads != null && whileShedding < normal) {
        yielding = true;
        jobThreads.setCorePoolSize(Math.min(whileShedding, normalCore));   // core <= max at every step
        jobThreads.setMaxPoolSize(whileShedding);
        LOG.info("Intake is shedding: job threads down to {} of {}", whileShedding, normal);
      }
    }
  }

  /** Back to all job threads, and to waiting for a slot, once intake was calm for a while. */
  @Scheduled(fixedDelay = 500)
  synchronized void restoreWhenCalm() {
    Instant now = clock.instant();
    if (yielding && now.isAfter(lastPressed.plus(calm))) {
      yielding = false;
      jobThreads.setMaxPoolSize(normal);
      jobThreads.setCorePoolSize(normalCore);
      LOG.info("Intake is calm again: job threads back to {}", normal);
    }
    if (failingFast && now.isAfter(lastRefusal.plus(calm))) {
      intake.changeConfig(calmIntake);
      failingFast = false;
      LOG.info("Intake is calm again: submissions wait up to {} ms for a slot", calmIntake.getMaxWaitDuration()
          .toMillis());
    }
  }

  int threads() {
    return jobThreads == null ? 0 : jobThreads.getMaxPoolSize();
  }

  Duration slotWait() {
    return intake.getBulkheadConfig().getMaxWaitDuration();
  }
}
