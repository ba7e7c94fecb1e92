package io.leadsla.lead;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Task listener on "Qualify lead": every lead leaves with a disposition and what the next person needs. */
@Component("leadQualification")
public class LeadQualification {

  static final Set<String> DISPOSITIONS = Set.of("qualified", "nurture", "unqualified", "pause");

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
      case "pause" -> SlaPauseRequest.validate(task, reason);
      default -> {
        if (reason == null) {
          throw new InvalidInputException("dispositionReason is required for an unqualified lead");
        }
      }
    }
    task.setVariable("dispositionReason", reason);
  }
}
