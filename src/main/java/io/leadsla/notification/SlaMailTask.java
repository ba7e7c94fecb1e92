package io.leadsla.notification;

import io.leadsla.LeadSlaProperties;
import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore;
import io.leadsla.sla.SlaClockLog;
import io.leadsla.sla.StageClock;
import io.leadsla.tasklist.LeadTaskLink;
import io.leadsla.team.TeamDirectory;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Process glue for the send tasks: the instance's lead, stage and owner become an {@link SlaNotification} for
 * {@link SlaNotifications}, which queues the mails in the step's own transaction; {@link NotificationSender}
 * sends them once it committed, so an SMTP failure never rolls back a timer or a rep's click. A notification
 * nobody can receive (no address in Admin, not even the managers') fails the step until an address is set.
 */
@Component("slaMail")
public class SlaMailTask {

  private final SlaNotifications notifications;
  private final TeamDirectory directory;
  private final LeadSlaProperties properties;
  private final StageClock stageClock;
  private final LeadOfCycle leads;

  SlaMailTask(SlaNotifications notifications, TeamDirectory directory,
      LeadSlaProperties properties, StageClock stageClock, LeadOfCycle leads) {
    this.notifications = notifications;
    this.directory = directory;
    this.properties = properties;
    this.stageClock = stageClock;
    this.leads = leads;
  }

  public void send(DelegateExecution execution, String kindName) {
    NotificationKind kind = NotificationKind.valueOf(kindName);
    notifications.send(notification(execution, kind), CycleVariables.ownerGroup(execution),
        execution.getProcessInstanceId());
  }

  private SlaNotification notification(DelegateExecution execution, NotificationKind kind) {
    String owner = CycleVariables.owner(execution);
    LeadStore.CycleLead lead = leads.of(execution);
    SlaClockLog.ClockRun clock = stageClock.current(execution);
    return new SlaNotification(
        kind,
        CycleVariables.stage(execution),
        clock.round(),
        execution.getBusinessKey(),
        lead.cycle(),
        lead.fields().name(),
        lead.fields().company(),
        lead.fields().source(),
        lead.fields().score(),
        LeadOfCycle.tierOf(lead, execution),
        owner,
        owner == null ? "the team queue" : directory.fullNameOf(owner).orElse(owner),
        lead.arrivedAt(),
        clock.deadline(),
        ClockUtil.getCurrentTime().toInstant(),
        LeadTaskLink.of(properties.baseUrl(), execution.getBusinessKey()));
  }
}
