package io.leadsla.sla;

import io.leadsla.lead.InvalidInputException;
import io.leadsla.lead.Inputs;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Task listener on the manager's intervention: reassign, extend once, nurture or unqualified (with a reason). */
@Component("slaIntervention")
public class SlaIntervention {

  private final StageClock clock;

  SlaIntervention(StageClock clock) {
    this.clock = clock;
  }

  static final Set<String> CHOICES = Set.of("reassign", "extend", "nurture", "unqualified");

  public void validate(DelegateTask task) {
    String choice = Inputs.oneOf(task, "intervention", CHOICES);
    if (choice.equals("extend") && (clock.current(task.getExecution()).extended()
        || Boolean.TRUE.equals(task.getVariable("slaExtended")))) {
      throw new InvalidInputException("This SLA was already extended once: reassign the lead or disposition it");
    }
    String reason = Inputs.optionalText(task, "dispositionReason", 1000);
    if (choice.equals("unqualified") && reason == null) {
      throw new InvalidInputException("dispositionReason is required to mark a lead unqualified");
    }
    if (choice.equals("nurture") || choice.equals("unqualified")) {
      task.setVariable("dispositionReason", reason == null ? "Moved to nurture by a manager after a missed SLA" : reason);
    }
    task.setVariable("intervenedBy", task.getAssignee());
  }
}
