package io.leadsla.notification;

import io.leadsla.lead.CycleVariables;
import io.leadsla.LeadSlaProperties;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore;
import io.leadsla.metrics.SlaCounters;
import io.leadsla.sla.SlaClockLog;
import io.leadsla.sla.StageClock;
import io.leadsla.team.TeamDirectory;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Process glue for the send tasks: reads the lead from the process, picks the recipients, has each mail written
 * and hands it to the outbox. Every send task is asyncBefore with a retry cycle, so an SMTP failure retries and
 * ends as an incident in Cockpit instead of rolling back a rep's click; the outbox key makes a retry send only
 * what did not go out yet.
 */
@Component("slaMail")
public class SlaMailTask {

  private final SlaMailWriter mailer;
  private final OutboxMailer outbox;
  private final NotificationRecipients recipients;
  private final ChatWebhook chat;
  private final TeamDirectory directory;
  private final TaskService taskService;
  private final LeadSlaProperties properties;
  private final SlaCounters meters;
  private final SlaClockLog clocks;
  private final StageClock stageClock;
  private final LeadOfCycle leads;

  SlaMailTask(SlaMailWriter mailer, OutboxMailer outbox, NotificationRecipients recipients, ChatWebhook chat,
      TeamDirectory directory, TaskService taskService, LeadSlaProperties properties, SlaCounters meters,
      SlaClockLog clocks, StageClock stageClock, LeadOfCycle leads) {
    this.leads = leads;
    this.mailer = mailer;
    this.outbox = outbox;
    this.recipients = recipients;
    this.chat = chat;
    this.directory = directory;
    this.taskService = taskService;
    this.properties = properties;
    this.meters = meters;
    this.clocks = clocks;
    this.stageClock = stageClock;
  }

  public void send(DelegateExecution execution, String kindName) {
    NotificationKind kind = NotificationKind.valueOf(kindName);
    SlaNotification notification = notification(execution, kind);
    List<Recipient> to = recipients.of(kind, notification.owner(), CycleVariables.ownerGroup(execution));
    if (to.isEmpty()) {
      throw new IllegalStateException("Nobody to send the " + kind + " mail for lead " + notification.leadId()
          + " to: give the users an email address in Camunda Admin");
    }
    // every recipient gets their attempt; one failure (e.g. a rejected address) fails the job after the others
    RuntimeException failure = null;
    for (Recipient recipient : to) {
      try {
        outbox.deliver(mailer.compose(notification, recipient));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    if (kind == NotificationKind.BREACH || kind == NotificationKind.ESCALATION) {
      meters.breach(notification.stage(), kind == NotificationKind.BREACH ? "manager" : "executives");
    }
    if (kind == NotificationKind.ESCALATION) {
      clocks.escalated(notification.leadId(), notification.cycle(), notification.stage(), notification.round(),
          ClockUtil.getCurrentTime().toInstant());
    }
    if (kind == NotificationKind.ALERT && "T1".equals(notification.tier())) {
      chat.postHotLead(notification);
    }
  }

  private SlaNotification notification(DelegateExecution execution, NotificationKind kind) {
    String owner = CycleVariables.owner(execution);
    LeadStore.CycleLead lead = leads.of(execution);
    return new SlaNotification(
        kind,
        CycleVariables.stage(execution),
        stageClock.current(execution).round(),
        execution.getBusinessKey(),
        lead.cycle(),
        lead.fields().name(),
        lead.fields().company(),
        lead.fields().source(),
        lead.fields().score(),
        (String) execution.getVariable("tier"),
        owner,
        owner == null ? "the team queue" : directory.fullNameOf(owner).orElse(owner),
        lead.arrivedAt(),
        ((Date) execution.getVariable("slaDeadline")).toInstant(),
        ClockUtil.getCurrentTime().toInstant(),
        taskLink(execution.getProcessInstanceId(), owner));
  }

  /** The owner's open task on this lead, or Tasklist itself while the task is still being created. */
  private String taskLink(String processInstanceId, String owner) {
    String tasklist = properties.baseUrl() + "/camunda/app/tasklist/default/";
    TaskQuery query = taskService.createTaskQuery().processInstanceId(processInstanceId);
    if (owner != null) {
      query.taskAssignee(owner);
    }
    Task task = query.listPage(0, 1).stream().findFirst().orElse(null);
    return task == null ? tasklist : tasklist + "#/?task=" + task.getId();
  }
}
