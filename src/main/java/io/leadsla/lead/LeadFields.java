package io.leadsla.lead;

import java.util.HashMap;
import java.util.Map;

/** A lead's details as submitted, already checked and normalized (e-mail lower case, blanks as null). */
public record LeadFields(
    String name, String email, String company, String phone, String region, String source, String campaign,
    int score, boolean consent, String message) {

  /** The process variables a LeadCycle instance shows in its forms and mails. */
  public Map<String, Object> toVariables() {
    Map<String, Object> variables = new HashMap<>();
    variables.put("leadName", name);
    variables.put("email", email);
    variables.put("company", company);
    variables.put("phone", phone);
    variables.put("region", region);
    variables.put("source", source);
    variables.put("score", score);
    variables.put("leadMessage", message);
    return variables;
  }
}
