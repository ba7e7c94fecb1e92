package io.leadsla.notification;

import io.leadsla.LeadSlaProperties;
import io.leadsla.lead.CycleVariables;
import io.leadsla.lead.LeadOfCycle;
import io.leadsla.lead.LeadStore;
import io.leadsla.sla.SlaClockLog;
import io.leadsla.sla.StageClock;
import io.leadsla.team.TeamDirectory;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * Process glue for the send tasks: the instance's lead, stage and owner become an {@link SlaNotification} for
 * {@link SlaNotifications}. Every send task is asyncBefore with a retry cycle, so an SMTP failure retries and ends
 * as an incident in Cockpit instead of rolling back a rep's click; the outbox key makes a retry send only what did
 * not go out yet.
 */
@Component("slaMail")
public class SlaMailTask {

  private final SlaNotifications notifications;
  private final TeamDirectory directory;
  private final TaskService taskService;
  private final LeadSlaProperties properties;
  private final StageClock stageClock;
  private final LeadOfCycle leads;

  SlaMailTask(SlaNotifications notifications, TeamDirectory directory, TaskService taskService,
      LeadSlaProperties properties, StageClock stageClock, LeadOfCycle leads) {
    this.notifications = notifications;
    this.directory = directory;
    this.taskService = taskService;
    this.properties = properties;
    this.stageClock = stageClock;
    this.leads = leads;
  }

  public void send(DelegateExecution execution, String kindName) {
    NotificationKind kind = NotificationKind.valueOf(kindName);
    notifications.send(notification(execution, kind), CycleVariables.ownerGroup(execution));
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
