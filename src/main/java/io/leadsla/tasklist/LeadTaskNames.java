package io.leadsla.tasklist;

import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore.CycleLead;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Task listener (create) on every task of a lead: the task's name says which lead it is, so a rep tells the tasks
 * in Tasklist's list apart at a glance: "Respond to lead: Jo Doe (Acme Corp) · T1". The diagram keeps the
 * activity's own name; only the task instance carries the lead's.
 */
@Component("leadTaskNames")
public class LeadTaskNames {

  /** The engine's column for a task's name. */
  static final int MAX_LENGTH = 255;

  private final LeadOfCycle leads;

  LeadTaskNames(LeadOfCycle leads) {
    this.leads = leads;
  }

  public void name(DelegateTask task) {
    leads.find(task.getExecution()).ifPresent(lead -> task.setName(nameOf(task.getName(), lead,
        LeadOfCycle.tierOf(lead, task.getExecution()))));
  }

  static String nameOf(String activity, CycleLead lead, String tier) {
    String company = lead.fields().company();
    String name = activity + ": " + lead.fields().name() + (company == null ? "" : " (" + company + ")")
        + (tier == null ? "" : " · " + tier);
    return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH - 1) + "…";
  }
}
