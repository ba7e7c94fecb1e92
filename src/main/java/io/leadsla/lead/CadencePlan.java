package io.leadsla.lead;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * "15 touches in 21 days": the first touch starts the plan, the others are spread evenly (to the minute) over the days.
 */
public record CadencePlan(Instant startedAt, int touches, int days) {

  public Instant endsAt() {
    return startedAt.plus(Duration.ofDays(days));
  }

  /** When the next touch is due after {@code touchesMade} touches; never later than the end of the plan. */
  public Instant nextTouchDue(int touchesMade) {
    if (touches <= 1) {
      return endsAt();
    }
    Instant due = startedAt.plus(spacing().multipliedBy(Math.max(1, touchesMade)));
    return due.isAfter(endsAt()) ? endsAt() : due;
  }

  /** How many touches the plan expects by {@code moment}: the first at the start, then one per spacing. */
  public int touchesExpectedBy(Instant moment) {
    if (touches <= 1) {
      return 1;
    }
    long elapsed = Math.max(0, Duration.between(startedAt, moment).toMinutes());
    return (int) Math.min(touches, 1 + elapsed / Math.max(1, spacing().toMinutes()));
  }

  private Duration spacing() {
    return Duration.ofDays(days).dividedBy(touches - 1).truncatedTo(ChronoUnit.MINUTES);
  }
}
