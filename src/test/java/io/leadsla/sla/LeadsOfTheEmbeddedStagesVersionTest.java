package io.leadsla.sla;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static io.leadsla.sla.LeadCycleDriver.plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import java.util.Map;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Leads that were running when the stages became calls of bpmn/SlaStage.bpmn are not migrated: they finish on
 * the LeadCycle version they started on, whose three stages are embedded sub-processes (kept as a test resource),
 * with the same clock, mails and manager's choices.
 */
class LeadsOfTheEmbeddedStagesVersionTest extends LeadCycleTestSupport {

  @Autowired LeadIntakeService intake;
  Deployment earlier;

  @BeforeEach
  void deployTheEarlierVersion() {
    earlier = engine.getRepositoryService().createDeployment().name("LeadCycle with embedded stages")
        .addClasspathResource("legacy/LeadCycle-stages-embedded.bpmn").deploy();
  }

  @AfterEach
  void removeIt() {
    engine.getRepositoryService().deleteDeployment(earlier.getId(), true);
  }

  @Test
  void aLeadOfThatVersionIsWarnedBreachedReassignedAndQualifiedOnItsOwnVersion() {
    IntakeResult accepted = intake.submit(new LeadFields("Jo Prospect", "embedded.stages@example.org", "Acme Corp",
        null, null, "demo_request", null, 50, true, null), "api");
    LeadCycleDriver.runStartJob(engine, accepted.processInstanceId());
    ProcessInstance lead = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceId(accepted.processInstanceId()).singleResult();
    assertThat(lead.getProcessDefinitionId()).isEqualTo(engine.getRepositoryService()
        .createProcessDefinitionQuery().deploymentId(earlier.getId()).singleResult().getId());
    assertThat(driver.family(lead)).as("no SlaStage instance: the stage runs inside the lead's instance")
        .containsExactly(lead.getId());
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getDueDate().toInstant())
        .isEqualTo(plus(T0, "PT5M"));
    String owner = (String) driver.variable(lead, "owner");

    driver.fireTimer(lead, "BoundaryEvent_ResponseSlaWarning", plus(T0, "PT3M"));
    driver.assertOneMail("Going cold", owner + "@example.com");
    driver.fireTimer(lead, "BoundaryEvent_ResponseSlaBreached", plus(T0, "PT5M"));
    driver.assertOneMailEach("SLA missed", owner + "@example.com", "maria@example.com");

    driver.complete(lead, "Task_InterveneOnResponse", Map.of("intervention", "reassign"));
    String newOwner = (String) driver.variable(lead, "owner");
    assertThat(newOwner).isNotEqualTo(owner);
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getAssignee()).isEqualTo(newOwner);
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getDueDate().toInstant())
        .as("a fresh clock for the new owner").isEqualTo(plus(LeadCycleDriver.now(), "PT5M"));

    driver.completeTouch(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "connected");
    driver.complete(lead, LeadCycleProcess.TASK_QUALIFY_LEAD, Map.of("disposition", "qualified",
        "meetingAt", "2026-03-05T14:00+01:00", "dispositionReason", "Budget approved"));
    driver.complete(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY, Map.of("handoffDecision", "accepted",
        "touchChannel", "phone", "touchNote", "Met the buyer"));

    assertThat(lead).isEnded().hasPassed("SubProcess_ResponseStage", "SubProcess_QualificationStage",
        "SubProcess_HandoffStage", LeadCycleProcess.END_QUALIFIED);
    assertThat(leadStore.cycleLead(lead.getBusinessKey(), 1).orElseThrow().tier()).isEqualTo("T1");
  }
}
