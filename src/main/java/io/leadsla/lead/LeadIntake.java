package io.leadsla.lead;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of every cycle: checks the lead's fields, normalizes them, gives a hand-entered lead its id.
 * A lead that fails here is rejected with the start request: no instance, no mail.
 */
@Component("leadIntake")
public class LeadIntake implements JavaDelegate {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}$");
  private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()./-]{6,30}$");
  private static final Pattern LEAD_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

  @Override
  public void execute(DelegateExecution execution) {
    execution.setVariable("leadName", Inputs.requiredLine(execution, "leadName", 200));
    execution.setVariable("company", Inputs.optionalLine(execution, "company", 200));
    String email = Inputs.requiredLine(execution, "email", 254).toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(email).matches()) {
      throw new InvalidInputException("email '" + email + "' is not a valid email address");
    }
    execution.setVariable("email", email);
    String phone = Inputs.optionalLine(execution, "phone", 30);
    if (phone != null && !PHONE.matcher(phone).matches()) {
      throw new InvalidInputException("phone may hold digits, spaces, + ( ) . / - only");
    }
    execution.setVariable("phone", phone);
    execution.setVariable("source", Inputs.oneOf(execution, "source", LeadSource.ALL));
    execution.setVariable("score", score(execution.getVariable("score")));
    execution.setVariable("region", Inputs.optionalLine(execution, "region", 40));
    execution.setVariable("leadMessage", Inputs.optionalText(execution, "leadMessage", 2000));
    execution.setVariable("cycle", cycle(execution.getVariable("cycle")));
    execution.setVariable("touchCount", 0);

    String leadId = execution.getBusinessKey();
    if (leadId == null || leadId.isBlank()) {
      leadId = "L-" + UUID.randomUUID();
      execution.setProcessBusinessKey(leadId);
    } else if (!LEAD_ID.matcher(leadId).matches()) {
      throw new InvalidInputException("lead id '" + leadId + "' may hold letters, digits and . _ : - only");
    }
    execution.setVariable("leadId", leadId);
  }

  private static int score(Object value) {
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
        || number.intValue() < 0 || number.intValue() > 100) {
      throw new InvalidInputException("score must be a whole number from 0 to 100");
    }
    return number.intValue();
  }

  private static int cycle(Object value) {
    if (value == null) {
      return 1;
    }
    if (!(value instanceof Number number) || number.intValue() < 1) {
      throw new InvalidInputException("cycle must be a positive whole number");
    }
    return number.intValue();
  }
}
