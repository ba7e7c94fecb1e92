package io.leadsla.sla;

import io.leadsla.lead.InvalidInputException;
import io.leadsla.lead.Inputs;
import io.leadsla.routing.LeadRouting;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/** Task listener on the manager's intervention: reassign, extend once, nurture or unqualified (with a reason). */
@Component("slaIntervention")
public class SlaIntervention {

  private final StageClock clock;
  private final LeadRouting routing;

  SlaIntervention(StageClock clock, LeadRouting routing) {
    this.clock = clock;
    this.routing = routing;
  }

  static final Set<String> CHOICES = Set.of("reassign", "extend", "nurture", "unqualified");

  public void validate(DelegateTask task) {
    String choice = Inputs.oneOf(task, "intervention", CHOICES);
    if (choice.equals("extend") && (clock.current(task.getExecution()).extended()
        || Boolean.TRUE.equals(task.getVariable("slaExtended")))) {
      throw new InvalidInputException("This SLA was already extended once: reassign the lead or disposition it");
    }
    String chosen = Inputs.optionalLine(task, LeadRouting.CHOSEN_REP, 64);
    if (chosen != null && !choice.equals("reassign")) {
      throw new InvalidInputException(LeadRouting.CHOSEN_REP + " is for a reassignment only");
    }
    if (chosen != null) {
      List<String> available = routing.availableFor(task.getExecution());
      if (!available.contains(chosen)) {
        throw new InvalidInputException(chosen + " cannot take this lead now (away, at their cap, not in the team "
            + "or its owner already): pick one of " + (available.isEmpty() ? "nobody" : String.join(", ", available))
            + ", or leave it empty and routing picks");
      }
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
