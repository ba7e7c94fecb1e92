package io.leadsla.notification;

import io.leadsla.clock.WorkingTime;
import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore;
import io.leadsla.sla.SlaClockLog;
import io.leadsla.team.TeamDirectory;
import io.leadsla.team.Teams;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Send task "Acknowledge the lead": a personal mail to the lead who asked to be contacted, queued in the outbox
 * with the step that routed the lead, so it leaves only after that committed, once per cycle.
 */
@Component("leadAcknowledgement")
public class LeadAcknowledgement {

  static final String STAGE = "intake";

  private final NotificationOutbox outbox;
  private final MailTemplates templates;
  private final TeamDirectory directory;
  private final Teams teams;
  private final SlaClockLog clocks;
  private final LeadOfCycle leads;

  LeadAcknowledgement(NotificationOutbox outbox, MailTemplates templates, TeamDirectory directory, Teams teams,
      SlaClockLog clocks, LeadOfCycle leads) {
    this.outbox = outbox;
    this.templates = templates;
    this.directory = directory;
    this.teams = teams;
    this.clocks = clocks;
    this.leads = leads;
  }

  public void send(DelegateExecution execution) {
    LeadStore.CycleLead lead = leads.of(execution);
    String leadName = lead.fields().name();
    int cycle = lead.cycle();
    Map<String, Object> model = new HashMap<>();
    model.put("leadName", MailText.oneLine(leadName, 200));
    model.put("subject", AcknowledgementText.subject(leadName));
    Instant arrivedAt = lead.arrivedAt();
    SlaClockLog.ClockRun response = clocks.latest(execution.getBusinessKey(), cycle, "response").orElseThrow(() ->
        new IllegalStateException("Lead " + execution.getBusinessKey() + " has no response clock to acknowledge"));
    Duration responseSla = response.policy() != null ? response.policy().sla().asWallClock()
        : WorkingTime.parse((String) execution.getVariable("responseSla")).asWallClock();
    // the rep's deadline: the first response clock's (it may count the team's working hours, or start when the
    // team opens); after a reassignment the first run is gone from "latest", and the SLA from arrival stands in
    Instant respondBy = response.round() == 1 ? response.deadline() : arrivedAt.plus(responseSla);
    model.put("when", AcknowledgementText.when(
        directory.firstNameOf(CycleVariables.owner(execution)).orElse(null),
        arrivedAt, responseSla, respondBy, teams.calendarOf(CycleVariables.ownerGroup(execution))));
    outbox.enqueue(new OutgoingMail(
        OutgoingMail.leadKey(execution.getBusinessKey(), cycle, STAGE, NotificationKind.ACKNOWLEDGEMENT, 1),
        NotificationKind.ACKNOWLEDGEMENT, execution.getBusinessKey(), cycle, STAGE, 1,
        lead.fields().email(), (String) model.get("subject"),
        templates.text("acknowledgement", model), templates.html("acknowledgement", model)),
        execution.getProcessInstanceId());
  }
}
