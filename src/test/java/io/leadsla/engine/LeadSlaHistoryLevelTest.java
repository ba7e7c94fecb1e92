package io.leadsla.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.ProcessTest;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.SlaStageProcess;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The shipped history level ("lead-sla"): the engine remembers the lead's instances, the stage it was in, the
 * rep's task and the SLA timer that fired, and none of the steps in between nor the variables.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-history;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=" + ProcessTest.SMTP_PORT
})
class LeadSlaHistoryLevelTest {

  @Autowired ProcessEngine engine;
  @Autowired HistoryService history;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void theEngineKeepsTheStagesTasksAndSlaEventsOfALeadAndNotEveryStep() {
    assertThat(((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel().getName())
        .as("the level application.yaml ships").isEqualTo(LeadSlaHistoryLevel.NAME);
    ProcessInstance lead = engine.getRuntimeService().createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
        .processInstanceBusinessKey("L-history")
        .setVariables(Map.of("leadName", "Jo", "email", "jo.history@example.org", "source", "demo_request",
            "score", 50))
        .correlateStartMessage();
    LeadCycleDriver.runStartJob(engine, lead.getId());
    String stage = engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(lead.getId())
        .singleResult().getId();
    List<Job> warnings = LeadCycleDriver.jobsAt(engine, lead.getId(), SlaStageProcess.WARNING_TIMER);
    assertThat(warnings).hasSize(1);
    Job warning = warnings.get(0);
    ClockUtil.setCurrentTime(warning.getDuedate());
    engine.getManagementService().executeJob(warning.getId());

    assertThat(activities(lead.getId())).containsExactly(LeadCycleProcess.stageCall(io.leadsla.sla.SlaStage.RESPONSE));
    assertThat(activities(stage)).containsExactlyInAnyOrder(LeadCycleProcess.TASK_RESPOND_TO_LEAD,
        SlaStageProcess.WARNING_TIMER);
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceIds(java.util.Set.of(lead.getId(), stage))
        .count()).isEqualTo(2);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(stage).singleResult().getAssignee())
        .as("who had the task").isNotNull();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceIdIn(lead.getId(), stage).count())
        .as("variables are kept in the lead store, not in history").isZero();
  }

  private List<String> activities(String processInstanceId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).list().stream()
        .map(HistoricActivityInstance::getActivityId).toList();
  }
}
