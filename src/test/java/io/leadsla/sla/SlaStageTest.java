package io.leadsla.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.leadsla.ReachedFlowNodes;
import io.leadsla.lead.LeadQualification;
import io.leadsla.lead.LeadTouches;
import io.leadsla.lead.OpportunityHandoff;
import io.leadsla.notification.SlaMailTask;
import io.leadsla.routing.LeadRouting;
import io.leadsla.routing.TeamQueue;
import io.leadsla.tasklist.LeadTaskNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bpmn/SlaStage.bpmn alone, on a plain in-memory engine with the beans it calls mocked: which task a stage waits
 * in, when its timers are due, and where each way out of the clock leads. The clock's rules themselves (policies,
 * working time, extension once) are tested with the whole application in the other tests of this package.
 */
@Deployment(resources = "bpmn/SlaStage.bpmn")
class SlaStageTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Instant DEADLINE = T0.plus(Duration.ofMinutes(5));
  static final Instant WARNING = T0.plus(Duration.ofMinutes(3));
  static final Instant EXECUTIVE = T0.plus(Duration.ofMinutes(20));
  static final Instant EXPIRY = T0.plus(Duration.ofMinutes(60));

  static final ProcessEngine ENGINE = ((StandaloneInMemProcessEngineConfiguration)
      new StandaloneInMemProcessEngineConfiguration()
          .setJdbcUrl("jdbc:h2:mem:sla-stage-test;DB_CLOSE_DELAY=-1")
          .setDatabaseSchemaUpdate("create-drop")
          .setJobExecutorActivate(false)
          .setHistory("activity"))
      .setExpressionManager(new MockExpressionManager())
      .buildProcessEngine();

  @RegisterExtension
  ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(ENGINE).build();

  StageClock clock = mock(StageClock.class);
  SlaMailTask mail = mock(SlaMailTask.class);
  LeadRouting routing = mock(LeadRouting.class);
  SlaExpiry expiry = mock(SlaExpiry.class);

  @BeforeEach
  void registerBeans() {
    ClockUtil.setCurrentTime(Date.from(T0));
    when(clock.deadline(any())).thenReturn(Date.from(DEADLINE));
    when(clock.warningAt(any())).thenReturn(Date.from(WARNING));
    when(clock.breachAt(any())).thenReturn(Date.from(DEADLINE));
    when(clock.executiveAt(any())).thenReturn(Date.from(EXECUTIVE));
    when(clock.expiresAt(any())).thenReturn(Date.from(EXPIRY));
    Mocks.register("slaClock", clock);
    Mocks.register("slaMail", mail);
    Mocks.register("leadRouting", routing);
    Mocks.register("slaExpiry", expiry);
    Mocks.register("teamQueue", mock(TeamQueue.class));
    Mocks.register("leadTaskNames", mock(LeadTaskNames.class));
    Mocks.register("leadTouches", mock(LeadTouches.class));
    Mocks.register("leadQualification", mock(LeadQualification.class));
    Mocks.register("opportunityHandoff", mock(OpportunityHandoff.class));
    Mocks.register("slaIntervention", mock(SlaIntervention.class));
  }

  @AfterEach
  void reset() {
    Mocks.reset();
    ClockUtil.reset();
  }

  @AfterAll
  static void recordCoverage() {
    ReachedFlowNodes.record(ENGINE.getHistoryService());
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void eachStageWaitsInItsOwnWorkTaskDueAtTheDeadlineAndAlertsTheOwner(SlaStage stage) {
    ProcessInstance instance = start(stage);

    verify(clock).startStage(any(), eq(stage.key()));
    Task work = task(instance);
    assertThat(work.getTaskDefinitionKey()).isEqualTo(SlaStageProcess.workTask(stage));
    assertThat(work.getAssignee()).isEqualTo("sam");
    assertThat(work.getDueDate().toInstant()).isEqualTo(DEADLINE);
    assertThat(ENGINE.getRuntimeService().getActivityInstance(instance.getId()).getChildActivityInstances())
        .as("one clock running").hasSize(1);

    runJobs(instance);
    verify(mail).send(any(), eq("ALERT"));
  }

  @Test
  void theWarningBreachAndExecutiveTimersFallDueWhenTheClockSaysAndMailTheRightPeople() {
    ProcessInstance instance = start(SlaStage.RESPONSE);

    fire(instance, SlaStageProcess.WARNING_TIMER, WARNING);
    verify(mail).send(any(), eq("WARNING"));
    fire(instance, SlaStageProcess.BREACH_TIMER, DEADLINE);
    verify(mail).send(any(), eq("BREACH"));
    Task intervention = ENGINE.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(SlaStageProcess.TASK_INTERVENE).singleResult();
    assertThat(intervention.getDueDate().toInstant()).isEqualTo(EXPIRY);
    assertThat(ENGINE.getTaskService().getIdentityLinksForTask(intervention.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("sales-managers"));
    fire(instance, SlaStageProcess.EXECUTIVE_TIMER, EXECUTIVE);
    verify(mail).send(any(), eq("ESCALATION"));

    assertThat(ENGINE.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count())
        .as("the rep's task stays open beside the manager's").isEqualTo(2);
  }

  @Test
  void doneWorkEndsTheStageAndStopsEveryTimerOfItsClock() {
    ProcessInstance instance = start(SlaStage.QUALIFICATION);
    fire(instance, SlaStageProcess.BREACH_TIMER, DEADLINE);   // a manager's task is open too

    complete(instance, SlaStageProcess.TASK_QUALIFY_LEAD, Map.of("disposition", "qualified"));

    assertEnded(instance, SlaStageProcess.END_STAGE_DONE);
    verify(clock).stageEnded(any());
    assertThat(ENGINE.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
  }

  @Test
  void aManagersReassignmentStartsAFreshClockForTheNewOwner() {
    ProcessInstance instance = start(SlaStage.RESPONSE);
    fire(instance, SlaStageProcess.BREACH_TIMER, DEADLINE);

    complete(instance, SlaStageProcess.TASK_INTERVENE, Map.of("intervention", "reassign"));

    verify(routing).reassign(any(), anyString());
    verify(clock).stageEnded(any());
    verify(clock, times(2)).startStage(any(), eq("response"));
    assertThat(task(instance).getTaskDefinitionKey()).isEqualTo(SlaStageProcess.TASK_RESPOND_TO_LEAD);
  }

  @Test
  void anExtensionRunsTheClockAgainForTheSameOwner() {
    ProcessInstance instance = start(SlaStage.HANDOFF);
    fire(instance, SlaStageProcess.BREACH_TIMER, DEADLINE);

    complete(instance, SlaStageProcess.TASK_INTERVENE, Map.of("intervention", "extend"));

    verify(clock).extend(any());
    verify(clock, times(1)).startStage(any(), anyString());
    verify(routing, never()).reassign(any(), anyString());
    assertThat(task(instance).getTaskDefinitionKey()).isEqualTo(SlaStageProcess.TASK_ACCEPT_OPPORTUNITY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nurture", "unqualified"})
  void aManagersDispositionEndsTheStageWithTheEscalationItsCallActivityCatches(String choice) {
    ProcessInstance instance = start(SlaStage.QUALIFICATION);
    fire(instance, SlaStageProcess.BREACH_TIMER, DEADLINE);

    complete(instance, SlaStageProcess.TASK_INTERVENE, Map.of("intervention", choice));

    assertEnded(instance, choice.equals("nurture") ? SlaStageProcess.END_MANAGER_NURTURED
        : SlaStageProcess.END_MANAGER_UNQUALIFIED);
  }

  @Test
  void anExpiredClockWithAReassignmentLeftStartsAgainForTheNextOwner() {
    expiryDecides("reassigned");
    ProcessInstance instance = start(SlaStage.RESPONSE);

    fire(instance, SlaStageProcess.EXPIRY_TIMER, EXPIRY);

    verify(expiry).apply(any());
    verify(clock, times(2)).startStage(any(), eq("response"));
    assertThat(task(instance).getTaskDefinitionKey()).isEqualTo(SlaStageProcess.TASK_RESPOND_TO_LEAD);
  }

  @Test
  void anExpiredClockWithNoReassignmentLeftSendsTheLeadToNurture() {
    expiryDecides("nurture");
    ProcessInstance instance = start(SlaStage.RESPONSE);

    fire(instance, SlaStageProcess.EXPIRY_TIMER, EXPIRY);

    assertEnded(instance, SlaStageProcess.END_NO_REASSIGNMENT_LEFT);
  }

  @ParameterizedTest
  @EnumSource(value = SlaStage.class, names = {"QUALIFICATION", "HANDOFF"})
  void aPauseTheLeadAskedForWaitsUntilTheFollowUpDateAndResumesTheClock(SlaStage stage) {
    Instant followUp = T0.plus(Duration.ofDays(7));
    doAnswer(call -> {
      ((DelegateExecution) call.getArgument(0)).setVariable("pauseEndsAt", Date.from(followUp));
      return null;
    }).when(clock).pause(any());
    ProcessInstance instance = start(stage);

    String decision = stage == SlaStage.QUALIFICATION ? "disposition" : "handoffDecision";
    complete(instance, SlaStageProcess.workTask(stage), Map.of(decision, "pause"));

    verify(clock).pause(any());
    assertThat(ENGINE.getManagementService().createJobQuery().processInstanceId(instance.getId()).list())
        .as("only the follow-up date: no SLA timer runs while paused").hasSize(1);
    fire(instance, SlaStageProcess.PAUSE_ENDS, followUp);

    verify(clock).resume(any());
    assertThat(task(instance).getTaskDefinitionKey()).isEqualTo(SlaStageProcess.workTask(stage));
  }

  private void expiryDecides(String outcome) {
    doAnswer(call -> {
      ((DelegateExecution) call.getArgument(0)).setVariable("expiryOutcome", outcome);
      return null;
    }).when(expiry).apply(any());
  }

  private ProcessInstance start(SlaStage stage) {
    return ENGINE.getRuntimeService().startProcessInstanceByKey(SlaStageProcess.KEY, "L-stage-test",
        Variables.createVariables().putValue("cycle", 1).putValue("owner", "sam").putValue("ownerGroup", "sdr-emea")
            .putValue("stage", stage.key()).putValue("touchCount", 0));
  }

  private Task task(ProcessInstance instance) {
    List<Task> open = ENGINE.getTaskService().createTaskQuery().processInstanceId(instance.getId()).list();
    assertThat(open).as("open tasks").hasSize(1);
    return open.get(0);
  }

  private void complete(ProcessInstance instance, String taskKey, Map<String, Object> variables) {
    Task task = ENGINE.getTaskService().createTaskQuery().processInstanceId(instance.getId())
        .taskDefinitionKey(taskKey).singleResult();
    ENGINE.getTaskService().complete(task.getId(), variables);
    runJobs(instance);
  }

  /** The timer is due at {@code due}, not a second before; it fires, and the jobs after it run. */
  private void fire(ProcessInstance instance, String activityId, Instant due) {
    Job timer = ENGINE.getManagementService().createJobQuery().processInstanceId(instance.getId())
        .activityId(activityId).timers().singleResult();
    assertThat(timer).as("timer %s", activityId).isNotNull();
    assertThat(timer.getDuedate().toInstant()).as("due date of %s", activityId).isEqualTo(due);
    ClockUtil.setCurrentTime(Date.from(due));
    ENGINE.getManagementService().executeJob(timer.getId());
    runJobs(instance);
  }

  private void runJobs(ProcessInstance instance) {
    for (int round = 0; round < 10; round++) {
      List<Job> due = ENGINE.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .messages().executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> ENGINE.getManagementService().executeJob(job.getId()));
    }
  }

  private void assertEnded(ProcessInstance instance, String endEvent) {
    assertThat(ENGINE.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance.getId()).count())
        .isZero();
    assertThat(ENGINE.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
        .activityId(endEvent).count()).as("reached %s", endEvent).isEqualTo(1);
  }
}
