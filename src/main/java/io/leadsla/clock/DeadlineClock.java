package io.leadsla.clock;

import java.time.Instant;
import org.springframework.stereotype.Service;

/**
 * The one place that turns SLA durations into deadlines, on a team's working calendar or the 24/7 clock: the
 * deadline is the SLA after the start, the warning comes warnBefore (working time) ahead of it, the manager,
 * the executives and the expiry follow their delays after it. Timers and task due dates read these instants.
 */
@Service
public class DeadlineClock {

  public SlaDeadlines deadlines(Instant start, TeamCalendar calendar, WorkingTime sla, WorkingTime warnBefore,
      WorkingTime managerDelay, WorkingTime executiveDelay, WorkingTime expireAfter) {
    Instant deadline = calendar.plus(start, sla);
    Instant warningAt = calendar.minus(deadline, warnBefore);
    return new SlaDeadlines(
        start,
        deadline,
        warningAt.isBefore(start) ? start : warningAt,
        calendar.plus(deadline, managerDelay),
        calendar.plus(deadline, executiveDelay),
        calendar.plus(deadline, expireAfter));
  }
}
