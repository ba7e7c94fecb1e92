package io.leadsla.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * While intake turns submissions away the job executor gives up threads and no submission waits for a slot; both
 * come back once it is calm.
 */
class IntakePressureTest {

  Instant now = Instant.parse("2026-12-03T10:00:00Z");
  final Clock clock = new Clock() {
    @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };
  ThreadPoolTaskExecutor jobThreads;
  Bulkhead intake;
  IntakePressure yielding;

  @BeforeEach
  void sixJobThreadsAndOneIntakeSlot() {
    jobThreads = new ThreadPoolTaskExecutor();
    jobThreads.setCorePoolSize(6);
    jobThreads.setMaxPoolSize(6);
    jobThreads.initialize();
    intake = Bulkhead.of("test", BulkheadConfig.custom().maxConcurrentCalls(1).maxWaitDuration(Duration.ZERO).build());
    yielding = new IntakePressure(jobThreads, intake, 2, Duration.ofSeconds(3), clock);
  }

  @AfterEach
  void stop() {
    jobThreads.shutdown();
  }

  @Test
  void aRefusedSubmissionLeavesTwoJobThreadsUntilThreeCalmSeconds() {
    assertThat(intake.tryAcquirePermission()).as("the slot is taken").isTrue();
    intake.onComplete();
    now = now.plusSeconds(4);
    yielding.restoreWhenCalm();
    assertThat(yielding.threads()).isEqualTo(6);
    assertThat(intake.tryAcquirePermission()).isTrue();

    assertThat(intake.tryAcquirePermission()).as("refused").isFalse();
    assertThat(yielding.threads()).isEqualTo(2);
    assertThat(jobThreads.getCorePoolSize()).isEqualTo(2);

    now = now.plusSeconds(2);
    assertThat(intake.tryAcquirePermission()).isFalse();   // refused again: the calm starts anew
    now = now.plusSeconds(2);
    yielding.restoreWhenCalm();
    assertThat(yielding.threads()).as("2 s after the last refusal").isEqualTo(2);

    now = now.plusMillis(1_001);
    yielding.restoreWhenCalm();
    assertThat(yielding.threads()).isEqualTo(6);
    assertThat(jobThreads.getCorePoolSize()).isEqualTo(6);
  }

  @Test
  void aRefusalAloneYields() {
    Bulkhead four = Bulkhead.of("four", BulkheadConfig.custom().maxConcurrentCalls(4)
        .maxWaitDuration(Duration.ZERO).build());
    ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
    pool.setCorePoolSize(3);   // core below max: both come back as they were
    pool.setMaxPoolSize(6);
    pool.initialize();
    try {
      IntakePressure refusals = new IntakePressure(pool, four, 2, Duration.ofSeconds(3), clock);
      for (int i = 0; i < 4; i++) {
        four.tryAcquirePermission();
      }
      now = now.plusSeconds(4);
      refusals.restoreWhenCalm();
      assertThat(pool.getMaxPoolSize()).as("calm again after filling up").isEqualTo(6);
      assertThat(four.tryAcquirePermission()).as("all four slots taken").isFalse();
      assertThat(pool.getMaxPoolSize()).isEqualTo(2);
      now = now.plusSeconds(4);
      refusals.restoreWhenCalm();
      assertThat(pool.getMaxPoolSize()).isEqualTo(6);
      assertThat(pool.getCorePoolSize()).isEqualTo(3);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void threeQuartersOfTheSlotsTakenAreEnoughToYield() {
    Bulkhead eight = Bulkhead.of("eight", BulkheadConfig.custom().maxConcurrentCalls(8)
        .maxWaitDuration(Duration.ZERO).build());
    IntakePressure early = new IntakePressure(jobThreads, eight, 2, Duration.ofSeconds(3), clock);
    for (int i = 0; i < 5; i++) {
      assertThat(eight.tryAcquirePermission()).isTrue();
    }
    assertThat(early.threads()).as("5 of 8 slots taken").isEqualTo(6);
    assertThat(eight.tryAcquirePermission()).isTrue();
    assertThat(early.threads()).as("6 of 8 taken, nobody refused yet").isEqualTo(2);
  }

  @Test
  void afterARefusalNoSubmissionWaitsForASlotUntilThreeCalmSeconds() throws Exception {
    Bulkhead waiting = Bulkhead.of("waiting", BulkheadConfig.custom().maxConcurrentCalls(1)
        .maxWaitDuration(Duration.ofSeconds(2)).build());
    IntakePressure pressure = new IntakePressure(jobThreads, waiting, 2, Duration.ofSeconds(3), clock);
    assertThat(waiting.tryAcquirePermission()).as("the only slot").isTrue();

    long t0 = System.nanoTime();
    assertThat(waiting.tryAcquirePermission()).as("refused after waiting for the slot").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(pressure.slotWait()).isZero();

    t0 = System.nanoTime();
    assertThat(waiting.tryAcquirePermission()).as("refused again").isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("without waiting").isLessThan(Duration.ofSeconds(1));

    now = now.plusSeconds(2);
    pressure.restoreWhenCalm();
    assertThat(pressure.slotWait()).as("2 s after the last refusal").isZero();
    now = now.plusMillis(1_001);
    pressure.restoreWhenCalm();
    assertThat(pressure.slotWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(waiting.getMetrics().getAvailableConcurrentCalls()).as("still one slot, still taken").isZero();

    // a slot freed while a submission waits for it is taken by it: waiting is back
    Thread submission = Thread.currentThread();
    Thread release = new Thread(() -> {
      await().atMost(Duration.ofSeconds(5)).until(() -> submission.getState() == Thread.State.TIMED_WAITING);
      waiting.onComplete();
    });
    release.start();
    assertThat(waiting.tryAcquirePermission()).as("got the slot freed while it waited").isTrue();
    release.join();
    assertThat(waiting.getMetrics().getAvailableConcurrentCalls()).as("one slot, taken again").isZero();
  }

  @Test
  void threeQuartersFullIsNoReasonToStopWaitingForASlot() {
    Bulkhead eight = Bulkhead.of("eight", BulkheadConfig.custom().maxConcurrentCalls(8)
        .maxWaitDuration(Duration.ofMillis(20)).build());
    IntakePressure early = new IntakePressure(jobThreads, eight, 2, Duration.ofSeconds(3), clock);
    for (int i = 0; i < 7; i++) {
      assertThat(eight.tryAcquirePermission()).isTrue();
    }
    assertThat(early.threads()).as("job threads yield").isEqualTo(2);
    assertThat(early.slotWait()).as("but nobody was refused").isEqualTo(Duration.ofMillis(20));
  }

  @Test
  void withoutAJobExecutorOnTheNodeNothingHappens() {
    Bulkhead full = Bulkhead.of("none", BulkheadConfig.custom().maxConcurrentCalls(1)
        .maxWaitDuration(Duration.ZERO).build());
    IntakePressure none = new IntakePressure(null, full, 2, Duration.ofSeconds(3), clock);
    full.tryAcquirePermission();
    assertThat(full.tryAcquirePermission()).isFalse();
    none.restoreWhenCalm();
    assertThat(none.threads()).isZero();
    assertThat(jobThreads.getMaxPoolSize()).as("the other node's pool untouched").isEqualTo(6);
  }
}
