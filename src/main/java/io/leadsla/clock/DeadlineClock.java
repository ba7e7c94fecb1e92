package io.leadsla.clock;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * The one place that turns SLA durations into deadlines. Today it counts wall-clock time (24/7);
 * business hours per team plug in here without touching the process.
 */
@Service
public class DeadlineClock {

  public SlaDeadlines deadlines(
      Instant start, Duration sla, Duration warnBefore, Duration managerDelay, Duration executiveDelay, Duration expireAfter) {
    Instant deadline = start.plus(sla);
    return new SlaDeadlines(
        start,
        deadline,
        deadline.minus(warnBefore),
        deadline.plus(managerDelay),
        deadline.plus(executiveDelay),
        deadline.plus(expireAfter));
  }
}
