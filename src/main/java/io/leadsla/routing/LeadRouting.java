package io.leadsla.routing;

import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadFields;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore;
import io.leadsla.team.Teams;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Process glue: finds the team that serves a lead in a role (territory, source, after-hours team), gives the lead
 * an owner from it or, when nobody is free, leaves it in the team queue; reassigns to another member on request.
 * The owner is kept in the process ({@code owner}, {@code ownerGroup}) and on the cycle ({@code lead_cycle.owner}).
 */
@Component("leadRouting")
public class LeadRouting {

  private static final Logger LOG = LoggerFactory.getLogger(LeadRouting.class);

  private final WeightedRouter router;
  private final Teams teams;
  private final AssignmentLog assignments;
  private final LeadStore store;
  private final ApplicationEventPublisher events;
  private final LeadOfCycle leads;

  LeadRouting(WeightedRouter router, Teams teams, AssignmentLog assignments, LeadStore store,
      ApplicationEventPublisher events, LeadOfCycle leads) {
    this.leads = leads;
    this.router = router;
    this.teams = teams;
    this.assignments = assignments;
    this.store = store;
    this.events = events;
  }

  /** The lead's owner for the stages of a role ({@code sdr}, {@code ae}); none means the team queue. */
  public void assignFirstOwner(DelegateExecution execution, String role) {
    LeadFields lead = leads.of(execution).fields();
    String team = teams.teamFor(role, lead.region(), lead.source(), ClockUtil.getCurrentTime().toInstant());
    String previous = CycleVariables.owner(execution);
    String stage = role.equals("ae") ? "handoff" : "response";
    Optional<String> owner = router.next(team, Set.of(), new Assignment(execution.getBusinessKey(),
        CycleVariables.cycle(execution), stage, previous, "New " + role + " lead for " + team, Assignment.Kind.FIRST));
    execution.setVariable("ownerGroup", team);
    setOwner(execution, owner.orElse(null));
    LOG.info("Lead {} assigned to {} ({})", execution.getBusinessKey(), owner.orElse("the team queue"), team);
  }

  /** The variable of the rep a manager picked in the intervention ({@code reassignTo}); none: the rotation picks. */
  public static final String CHOSEN_REP = "reassignTo";

  /** Who a manager may give the lead to now: the owner's team, in and under cap, not the current owner. */
  public List<String> availableFor(DelegateExecution execution) {
    String current = CycleVariables.owner(execution);
    return router.available(CycleVariables.ownerGroup(execution), current == null ? Set.of() : Set.of(current));
  }

  /** Reassigns to another member of the owner's team; the current owner is never picked again. */
  public void reassign(DelegateExecution execution, String reason) {
    tryReassign(execution, reason)
        .orElseThrow(() -> new IllegalStateException("Nobody else in group '" + CycleVariables.ownerGroup(execution)
            + "' can take lead " + execution.getBusinessKey()));
  }

  /** Like {@link #reassign} but says so instead of failing when nobody else in the team is free. */
  public Optional<String> tryReassign(DelegateExecution execution, String reason) {
    String group = CycleVariables.ownerGroup(execution);
    String current = CycleVariables.owner(execution);
    String stage = CycleVariables.stage(execution);
    Assignment assignment = new Assignment(execution.getBusinessKey(), CycleVariables.cycle(execution), stage,
        current, reason, Assignment.Kind.REASSIGNED);
    // a manager may pick the rep in the intervention (checked there); if that rep cannot take it any more by
    // now, the rotation picks, as it does without a pick
    String chosen = execution.getVariable(CHOSEN_REP) instanceof String rep && !rep.isBlank() ? rep : null;
    execution.removeVariable(CHOSEN_REP);
    Optional<String> next = (chosen != null && router.give(group, chosen, assignment) ? Optional.of(chosen)
        : Optional.<String>empty())
        .or(() -> router.next(group, current == null ? Set.of() : Set.of(current), assignment));
    next.ifPresent(owner -> {
      // the stage clock counts reassignments; leads of LeadCycle versions before that count them in a variable
      String legacyCounter = stage + "Reassignments";
      if (execution.getVariable(legacyCounter) instanceof Number used) {
        execution.setVariable(legacyCounter, used.intValue() + 1);
      }
      events.publishEvent(new LeadReassigned(execution.getBusinessKey(), CycleVariables.cycle(execution), stage, current, owner,
          reason));
      execution.setVariable("previousOwner", current);
      execution.setVariable("reassignmentReason", reason);
      setOwner(execution, owner);
      LOG.info("Lead {} reassigned from {} to {}: {}", execution.getBusinessKey(), current, owner, reason);
    });
    return next;
  }

  /** A member claimed the lead's task from the team queue: they own the lead from now on. */
  public void claimedFromQueue(DelegateExecution execution, String member) {
    String group = CycleVariables.ownerGroup(execution);
    assignments.record(new Assignment(execution.getBusinessKey(), CycleVariables.cycle(execution),
            CycleVariables.stage(execution), null, "Claimed from the team queue", Assignment.Kind.CLAIMED),
        group, member, "Claimed from the team queue", ClockUtil.getCurrentTime().toInstant());
    setOwner(execution, member);
  }

  private void setOwner(DelegateExecution execution, String owner) {
    execution.setVariable("owner", owner);
    store.setOwner(execution.getBusinessKey(), CycleVariables.cycle(execution), owner);
  }

}
