package io.leadsla.sla;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static io.leadsla.sla.LeadCycleDriver.setClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A lead accepted by intake waits for its start job like any other row of a burst: its clock still counts from
 * the moment it arrived, and the job ranks below every SLA timer and below the next steps of leads being worked.
 */
class LeadStartJobTest extends LeadCycleTestSupport {

  @Autowired LeadIntakeService intake;

  IntakeResult submit(String email) {
    return intake.submit(new LeadFields("Jo Prospect", email, "Acme Corp", null, null, "demo_request", null, 50, true,
        null), "api");
  }

  @Test
  void theResponseClockCountsFromArrivalNotFromWhenTheStartJobRan() {
    IntakeResult accepted = submit("late.start@example.org");
    assertThat(leadOf(instance(accepted)).arrivedAt()).isEqualTo(T0);
    assertThat(engine.getTaskService().createTaskQuery().processInstanceBusinessKey(accepted.leadId()).count())
        .as("no task before the start job ran").isZero();

    // the burst kept the job executor busy for 3 of the T1 lead's 5 minutes
    setClock(T0.plus(Duration.ofMinutes(3)));
    LeadCycleDriver.runStartJob(engine, accepted.processInstanceId());

    var lead = instance(accepted);
    assertThat(clockRun(lead, SlaStage.RESPONSE).startedAt()).isEqualTo(T0);
    assertThat(clockRun(lead, SlaStage.RESPONSE).deadline()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getDueDate().toInstant())
        .isEqualTo(T0.plus(Duration.ofMinutes(5)));
    // warning 2 minutes before the deadline: due at T0 + 3 min, so it fires at once
    driver.assertTimerDueAt(lead, SlaStageProcess.WARNING_TIMER, T0.plus(Duration.ofMinutes(3)));
  }

  @Test
  void slaTimersOutrankTheNextStepsOfLeadsInProgressWhichOutrankNewLeadStarts() {
    var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.isJobExecutorAcquireByPriority()).isTrue();
    assertThat(config.isJobExecutorAcquireByDueDate()).isTrue();

    IntakeResult waiting = submit("waiting@example.org");
    Job start = engine.getManagementService().createJobQuery().processInstanceId(waiting.processInstanceId())
        .singleResult();
    assertThat(activity(start)).isEqualTo(LeadCycleProcess.TASK_PREPARE_LEAD);
    engine.getManagementService().executeJob(start.getId());
    // one job took the lead to its stage: owner, clock, task and timers
    List<Job> after = LeadCycleDriver.jobs(engine, waiting.processInstanceId());
    List<Long> timerPriorities = after.stream().filter(job -> job instanceof TimerEntity).map(Job::getPriority)
        .toList();
    assertThat(after).as("nothing but the stage's timers").allSatisfy(job -> assertThat(job).isInstanceOf(TimerEntity.class));
    assertThat(timerPriorities).as("warning, breach, executive, expiry").hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(priority -> assertThat(priority).isGreaterThan(start.getPriority()));

    // a rep's completed task moves the lead on in a job that outranks new leads' starts, below the timers
    engine.getTaskService().complete(driver.task(instance(waiting), LeadCycleProcess.TASK_RESPOND_TO_LEAD).getId(),
        java.util.Map.of("touchChannel", "phone", "touchOutcome", "connected", "touchNote", "n/a"));
    Job nextStep = LeadCycleDriver.jobsAt(engine, waiting.processInstanceId(), LeadCycleProcess.TASK_RESPOND_TO_LEAD)
        .get(0);
    assertThat(nextStep.getPriority()).isGreaterThan(start.getPriority())
        .isLessThan(timerPriorities.stream().min(Long::compare).orElseThrow());
  }

  private String activity(Job job) {
    return engine.getManagementService().createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId())
        .singleResult().getActivityId();
  }

  private org.camunda.bpm.engine.runtime.ProcessInstance instance(IntakeResult accepted) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(accepted.processInstanceId())
        .singleResult();
  }
}
