package io.leadsla.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The rules of an SLA pause, whichever task asks for it: the lead asked to wait, before the deadline, for a
 * while. Never a way around a missed SLA. Leaves {@code pauseReason} for the clock and the record.
 */
final class SlaPauseRequest {

  /** The furthest a lead may push its follow-up. */
  static final int MAX_PAUSE_DAYS = 30;

  private SlaPauseRequest() {}

  static void validate(DelegateTask task, String reason) {
    String until = Inputs.requiredLine(task, "pauseUntil", 40);
    LocalDate followUp;
    try {
      followUp = LocalDate.parse(until.length() > 10 ? until.substring(0, 10) : until);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("pauseUntil '" + until + "' is not a date");
    }
    Instant now = ClockUtil.getCurrentTime().toInstant();
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    if (!followUp.isAfter(today) || followUp.isAfter(today.plusDays(MAX_PAUSE_DAYS))) {
      throw new InvalidInputException("pauseUntil must be a day after today and at most " + MAX_PAUSE_DAYS
          + " days ahead");
    }
    if (reason == null) {
      throw new InvalidInputException("A pause needs a reason: what did the lead ask for?");
    }
    // the work task is due at the stage's SLA deadline
    Date deadline = task.getDueDate();
    if (deadline != null && now.isAfter(deadline.toInstant())) {
      throw new InvalidInputException("The SLA was already missed: a pause cannot undo that. Ask a manager to "
          + "extend the deadline instead");
    }
    task.setVariable("pauseReason", reason);
  }
}
