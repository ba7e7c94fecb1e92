package io.leadsla.sla;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.base.GreenMailOperations;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * Moves a lead through LeadCycle in tests: starts it, runs due jobs, completes tasks, reads the mails. A lead's
 * cycle is its LeadCycle instance and the SlaStage instance of the stage running now: tasks, jobs and variables
 * are looked up in both.
 */
public class LeadCycleDriver {

  public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private final ProcessEngine engine;
  private final GreenMailOperations greenMail;

  /**
   * A driver for one test. Process tests share one database: notifications that earlier tests queued and never
   * sent are dropped here, so that this test's mails are its own.
   */
  public LeadCycleDriver(ProcessEngine engine, GreenMailOperations greenMail) {
    this.engine = engine;
    this.greenMail = greenMail;
    new org.springframework.jdbc.core.JdbcTemplate(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration()).getDataSource())
        .update("DELETE FROM notification WHERE status <> 'SENT'");
  }

  public static void setClock(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }

  public static Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  public ProcessInstance submitLead(String source, int score) {
    return submitLead("L-" + UUID.randomUUID(), source, score, 1);
  }

  /** A new lead with more fields, e.g. its region. */
  public ProcessInstance submitLead(String source, int score, Map<String, Object> more) {
    return submitLead("L-" + UUID.randomUUID(), source, score, 1, more);
  }

  public ProcessInstance submitLead(String leadId, String source, int score, int cycle) {
    return submitLead(leadId, source, score, cycle, Map.of());
  }

  private ProcessInstance submitLead(String leadId, String source, int score, int cycle, Map<String, Object> more) {
    Map<String, Object> lead = new HashMap<>(more);
    lead.put("leadName", "Jo Prospect");
    lead.put("company", "Acme Corp");
    lead.put("email", "Jo.Prospect+" + leadId + "@Acme.example");
    lead.put("source", source);
    lead.put("score", score);
    lead.put("cycle", cycle);
    ProcessInstance instance = engine.getRuntimeService()
        .createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey(leadId)
        .setVariables(lead)
        .correlateStartMessage();
    runAsyncJobs(instance);
    return instance;
  }

  /** Drives a T1 lead (demo request) to the given stage's work task, all at the current clock time. */
  public ProcessInstance leadAt(SlaStage stage) {
    ProcessInstance instance = submitLead("demo_request", 50);
    if (stage == SlaStage.RESPONSE) {
      return instance;
    }
    completeTouch(instance, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "connected");
    if (stage == SlaStage.QUALIFICATION) {
      return instance;
    }
    complete(instance, LeadCycleProcess.TASK_QUALIFY_LEAD, Map.of(
        "disposition", "qualified", "meetingAt", "2026-03-05T14:00+01:00", "dispositionReason", "Budget approved"));
    return instance;
  }

  /** The cycle's LeadCycle instance and the SlaStage instance it runs now, if any. */
  public List<String> family(ProcessInstance instance) {
    return family(engine, instance.getId());
  }

  public static List<String> family(ProcessEngine engine, String processInstanceId) {
    List<String> ids = new java.util.ArrayList<>(List.of(processInstanceId));
    engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(processInstanceId).list()
        .forEach(stage -> ids.add(stage.getId()));
    return ids;
  }

  /** The jobs of the cycle and of its running stage. */
  public static List<Job> jobs(ProcessEngine engine, String processInstanceId) {
    return family(engine, processInstanceId).stream().flatMap(id -> engine.getManagementService().createJobQuery()
        .processInstanceId(id).list().stream()).toList();
  }

  /** The jobs of the cycle and of its running stage at one activity. */
  public static List<Job> jobsAt(ProcessEngine engine, String processInstanceId, String activityId) {
    return family(engine, processInstanceId).stream().flatMap(id -> engine.getManagementService().createJobQuery()
        .processInstanceId(id).activityId(activityId).list().stream()).toList();
  }

  /** The SlaStage instance running now for the cycle. */
  public ProcessInstance stageInstance(ProcessInstance instance) {
    ProcessInstance stage = engine.getRuntimeService().createProcessInstanceQuery()
        .superProcessInstanceId(instance.getId()).singleResult();
    assertThat(stage).as("running stage of %s", instance.getId()).isNotNull();
    return stage;
  }

  public Task task(ProcessInstance instance, String taskDefinitionKey) {
    Task task = engine.getTaskService().createTaskQuery().processInstanceIdIn(family(instance).toArray(String[]::new))
        .taskDefinitionKey(taskDefinitionKey).singleResult();
    assertThat(task).as("open task %s", taskDefinitionKey).isNotNull();
    return task;
  }

  public void complete(ProcessInstance instance, String taskDefinitionKey, Map<String, Object> variables) {
    engine.getTaskService().complete(task(instance, taskDefinitionKey).getId(), variables);
    runAsyncJobs(instance);
  }

  public void completeTouch(ProcessInstance instance, String taskDefinitionKey, String channel, String outcome) {
    complete(instance, taskDefinitionKey, Map.of("touchChannel", channel, "touchOutcome", outcome, "touchNote", "n/a"));
  }

  /**
   * Runs the job that carries a new lead's start past intake (policy, routing, the first clock), as the job
   * executor would; mails and other jobs it leaves behind stay where they are.
   */
  public void runStartJob(ProcessInstance instance) {
    runStartJob(engine, instance.getId());
  }

  /** The start job: policy, the first owner's pick, the response stage (none left when the start failed). */
  public static void runStartJob(ProcessEngine engine, String processInstanceId) {
    Job start = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
        .activityId(LeadCycleProcess.TASK_PREPARE_LEAD).singleResult();
    assertThat(start).as("start job of %s", processInstanceId).isNotNull();
    engine.getManagementService().executeJob(start.getId());
    // leads of the versions before one job took a new lead to its stage wait in a second job after the pick
    Job routed = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId)
        .activityId(LeadCycleProcess.TASK_ASSIGN_OWNER).singleResult();
    if (routed != null) {
      engine.getManagementService().executeJob(routed.getId());
    }
  }

  /**
   * Runs every due async continuation (asyncAfter, the morning report's) until none is left, then sends the mails
   * they queued, as the job executor and the notification sender would; timers are left alone.
   */
  public void runAsyncJobs(ProcessInstance instance) {
    for (int round = 0; round < 20; round++) {
      List<Job> jobs = family(instance).stream().flatMap(id -> engine.getManagementService().createJobQuery()
          .processInstanceId(id).messages().executable().list().stream()).toList();
      if (jobs.isEmpty()) {
        sendMails(engine);
        return;
      }
      jobs.forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }
    throw new AssertionError("async jobs keep coming for " + instance.getId());
  }

  /** Sends what the outbox holds and is due, as the notification sender does after a commit; how many it tried. */
  public int sendMails() {
    return sendMails(engine);
  }

  public static int sendMails(ProcessEngine engine) {
    return NotificationSenders.of(engine).sendDue();
  }

  public Job timer(ProcessInstance instance, String activityId) {
    List<Job> jobs = timers(instance, activityId);
    assertThat(jobs).as("timer %s", activityId).hasSize(1);
    return jobs.get(0);
  }

  private List<Job> timers(ProcessInstance instance, String activityId) {
    return family(instance).stream().flatMap(id -> engine.getManagementService().createJobQuery()
        .processInstanceId(id).activityId(activityId).timers().list().stream()).toList();
  }

  /**
   * The timer is due exactly at {@code due}: not executable one second before, executable one second after.
   * Leaves the clock one second after the due time.
   */
  public Job assertTimerDueAt(ProcessInstance instance, String activityId, Instant due) {
    Job job = timer(instance, activityId);
    assertThat(job.getDuedate().toInstant()).as("due date of %s", activityId).isEqualTo(due);
    setClock(due.minusSeconds(1));
    assertThat(executableTimer(instance, activityId)).as("%s one second early", activityId).isZero();
    setClock(due.plusSeconds(1));
    assertThat(executableTimer(instance, activityId)).as("%s one second late", activityId).isEqualTo(1);
    return job;
  }

  /** Checks the timer's due date and fires it the way the job executor would once it is due. */
  public void fireTimer(ProcessInstance instance, String activityId, Instant due) {
    Job job = assertTimerDueAt(instance, activityId, due);
    engine.getManagementService().executeJob(job.getId());
    runAsyncJobs(instance);
  }

  private long executableTimer(ProcessInstance instance, String activityId) {
    return family(instance).stream().mapToLong(id -> engine.getManagementService().createJobQuery()
        .processInstanceId(id).activityId(activityId).timers().executable().count()).sum();
  }

  /** The variable as the running stage sees it (its owner, say, after a reassignment), else as the cycle has it. */
  public Object variable(ProcessInstance instance, String name) {
    List<String> family = family(instance);
    for (String id : family.subList(1, family.size())) {
      Map<String, Object> stage = engine.getRuntimeService().getVariables(id, List.of(name));
      if (stage.containsKey(name)) {
        return stage.get(name);
      }
    }
    return engine.getRuntimeService().getVariable(instance.getId(), name);
  }

  /** How the lead store recorded the ended cycle: {@code disposition} and {@code reason}, as reports show them. */
  public Map<String, Object> endedCycle(ProcessInstance instance) {
    javax.sql.DataSource dataSource = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration()).getDataSource();
    return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForMap(
        "SELECT disposition, reason FROM lead_cycle WHERE process_instance_id = ?", instance.getId());
  }

  public String disposition(ProcessInstance instance) {
    return (String) endedCycle(instance).get("disposition");
  }

  public String dispositionReason(ProcessInstance instance) {
    return (String) endedCycle(instance).get("reason");
  }

  public Instant dateVariable(ProcessInstance instance, String name) {
    return ((Date) variable(instance, name)).toInstant();
  }

  /** Forgets the mails sent so far, e.g. the first alert before testing a reassignment's alert. */
  public void forgetMails() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public List<MimeMessage> mails() {
    return Arrays.asList(greenMail.getReceivedMessages());
  }

  /** Mails whose subject starts with the prefix, e.g. "Going cold". */
  public List<MimeMessage> mails(String subjectPrefix) {
    return mails().stream().filter(mail -> subject(mail).startsWith(subjectPrefix)).toList();
  }

  /** One mail with this subject prefix was sent to each of these addresses, and to nobody else. */
  public List<MimeMessage> assertOneMailEach(String subjectPrefix, String... recipients) {
    List<MimeMessage> found = mails(subjectPrefix);
    assertThat(found.stream().map(LeadCycleDriver::recipients).toList())
        .as("recipients of the mails starting with '%s'", subjectPrefix)
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(recipients).map(Set::of).toList());
    return found;
  }

  /** One mail with this subject prefix was sent, to exactly this address. */
  public MimeMessage assertOneMail(String subjectPrefix, String recipient) {
    return assertOneMailEach(subjectPrefix, recipient).get(0);
  }

  public static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The plain-text body (of a multipart/alternative mail, its text/plain part). */
  public static String body(MimeMessage mail) {
    return part(mail, "text/plain").replace("\r\n", "\n");
  }

  /** The HTML body of a multipart/alternative mail. */
  public static String html(MimeMessage mail) {
    return part(mail, "text/html");
  }

  private static String part(MimeMessage mail, String type) {
    try {
      return find(mail.getContent(), mail.getContentType(), type);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String find(Object content, String contentType, String type) throws Exception {
    if (content instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart part = multipart.getBodyPart(i);
        String found = find(part.getContent(), part.getContentType(), type);
        if (found != null) {
          return found;
        }
      }
      return null;
    }
    return contentType.toLowerCase().startsWith(type) ? content.toString() : null;
  }

  public static Set<String> recipients(MimeMessage mail) {
    try {
      Address[] to = mail.getRecipients(Message.RecipientType.TO);
      return Arrays.stream(to).map(Address::toString).collect(Collectors.toCollection(TreeSet::new));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Instant plus(Instant start, String isoDuration) {
    return start.plus(Duration.parse(isoDuration));
  }
}
