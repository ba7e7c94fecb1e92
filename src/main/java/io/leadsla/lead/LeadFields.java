package io.leadsla.lead;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/** A lead's details as submitted, already checked and normalized (e-mail lower case, blanks as null). */
public record LeadFields(
    String name, String email, String company, String phone, String region, String source, String campaign,
    int score, boolean consent, String message) {

  /** The variable of a LeadCycle start for each field, as the Tasklist start form and the engine's REST API name them. */
  public static final Map<String, String> START_VARIABLES = Map.of(
      "name", "leadName", "email", "email", "company", "company", "phone", "phone", "region", "region",
      "source", "source", "campaign", "campaign", "score", "score", "consent", "consent", "message", "leadMessage");

  /**
   * The lead asked to be contacted: it gave its consent, or what it sent is a contact request by its source (a
   * demo request, a message to sales). A newsletter sign-up or a webinar registration without consent did not.
   */
  public boolean askedToBeContacted() {
    return consent || LeadSource.CONTACT_REQUESTS.contains(source);
  }

  /**
   * The fields as a LeadCycle start's variables, transient: "Check and complete lead" reads them in the start's
   * transaction and the lead store keeps them; the instance never stores them.
   */
  public VariableMap toStartVariables() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", name);
    values.put("email", email);
    values.put("company", company);
    values.put("phone", phone);
    values.put("region", region);
    values.put("source", source);
    values.put("campaign", campaign);
    values.put("score", score);
    values.put("consent", consent);
    values.put("message", message);
    VariableMap variables = Variables.createVariables();
    values.forEach((field, value) -> {
      if (value != null) {
        variables.putValueTyped(START_VARIABLES.get(field), Variables.untypedValue(value, true));
      }
    });
    return variables;
  }
}
