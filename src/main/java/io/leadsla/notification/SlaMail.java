package io.leadsla.notification;

import io.leadsla.LeadSlaProperties;
import io.leadsla.security.SalesGroups;
import io.leadsla.team.TeamDirectory;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Process glue for the send tasks: reads the lead from the process, picks the recipients, hands over to
 * {@link SlaMailer}. Every send task is asyncBefore with a retry cycle, so an SMTP failure retries and ends as
 * an incident in Cockpit instead of rolling back a rep's click.
 */
@Component("slaMail")
public class SlaMail {

  private final SlaMailer mailer;
  private final TeamDirectory directory;
  private final TaskService taskService;
  private final LeadSlaProperties properties;

  SlaMail(SlaMailer mailer, TeamDirectory directory, TaskService taskService, LeadSlaProperties properties) {
    this.mailer = mailer;
    this.directory = directory;
    this.taskService = taskService;
    this.properties = properties;
  }

  public void send(DelegateExecution execution, String kindName) {
    NotificationKind kind = NotificationKind.valueOf(kindName);
    String owner = (String) execution.getVariable("owner");
    Number cycle = (Number) execution.getVariable("cycle");
    SlaNotification notification = new SlaNotification(
        kind,
        (String) execution.getVariable("stage"),
        execution.getBusinessKey(),
        cycle == null ? 1 : cycle.intValue(),
        (String) execution.getVariable("leadName"),
        (String) execution.getVariable("company"),
        (String) execution.getVariable("source"),
        execution.getVariable("score"),
        owner,
        ((Date) execution.getVariable("slaDeadline")).toInstant(),
        ClockUtil.getCurrentTime().toInstant(),
        taskLink(execution.getProcessInstanceId(), owner));
    mailer.send(notification, recipients(kind, owner));
  }

  private List<String> recipients(NotificationKind kind, String owner) {
    LinkedHashSet<String> to = new LinkedHashSet<>();
    switch (kind) {
      case ALERT, WARNING -> directory.emailOf(owner).ifPresent(to::add);
      case BREACH -> {
        directory.emailOf(owner).ifPresent(to::add);
        to.addAll(directory.emailsOf(SalesGroups.MANAGERS));
      }
      case ESCALATION -> to.addAll(directory.emailsOf(SalesGroups.EXECUTIVES));
    }
    return new ArrayList<>(to);
  }

  /** The owner's open task on this lead, or Tasklist itself while the task is still being created. */
  private String taskLink(String processInstanceId, String owner) {
    String tasklist = properties.baseUrl() + "/camunda/app/tasklist/default/";
    Task task = taskService.createTaskQuery().processInstanceId(processInstanceId).taskAssignee(owner)
        .listPage(0, 1).stream().findFirst().orElse(null);
    return task == null ? tasklist : tasklist + "#/?task=" + task.getId();
  }
}
