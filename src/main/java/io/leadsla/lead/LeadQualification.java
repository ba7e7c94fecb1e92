package io.leadsla.lead;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Task listener on "Qualify lead": every lead leaves with a disposition and what the next person needs. */
@Component("leadQualification")
public class LeadQualification {

  static final Set<String> DISPOSITIONS = Set.of("qualified", "nurture", "unqualified", "pause");
  /** The furthest a lead may push its follow-up. */
  static final int MAX_PAUSE_DAYS = 30;

  public void validate(DelegateTask task) {
    String disposition = Inputs.oneOf(task, "disposition", DISPOSITIONS);
    String reason = Inputs.optionalText(task, "dispositionReason", 1000);
    switch (disposition) {
      case "qualified" -> {
        String meeting = Inputs.requiredLine(task, "meetingAt", 40);
        try {
          OffsetDateTime.parse(meeting);
        } catch (DateTimeParseException e) {
          throw new InvalidInputException("meetingAt '" + meeting + "' is not a date and time");
        }
      }
      case "nurture" -> {
        String recontact = Inputs.optionalLine(task, "recontactDate", 40);
        if (recontact != null) {
          try {
            LocalDate.parse(recontact.length() > 10 ? recontact.substring(0, 10) : recontact);
          } catch (DateTimeParseException e) {
            throw new InvalidInputException("recontactDate '" + recontact + "' is not a date");
          }
        }
      }
      case "pause" -> validatePause(task, reason);
      default -> {
        if (reason == null) {
          throw new InvalidInputException("dispositionReason is required for an unqualified lead");
        }
      }
    }
    task.setVariable("dispositionReason", reason);
  }

  /** A pause is for a lead that asked to wait, before the deadline, for a while: never a way around a missed SLA. */
  private static void validatePause(DelegateTask task, String reason) {
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
      throw new InvalidInputException("dispositionReason is required for a pause: what did the lead ask for?");
    }
    Object deadline = task.getVariable("slaDeadline");
    if (deadline instanceof Date date && now.isAfter(date.toInstant())) {
      throw new InvalidInputException("The SLA was already missed: a pause cannot undo that. Ask a manager to "
          + "extend the deadline instead");
    }
  }
}
