package io.leadsla.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static io.leadsla.sla.LeadCycleDriver.T0;

import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;

/**
 * A sales-ops admin changes the SLA table (redeploys bpmn/LeadSlaPolicy.dmn): the next lead that starts gets the
 * new policy, although the answer for the same source and score is kept between leads, and a lead already running
 * takes the new row of a stage when that stage starts.
 */
class SlaPolicyDecisionTest extends LeadCycleTestSupport {

  @Autowired LeadIntakeService intake;
  Deployment changed;

  @AfterEach
  void restoreThePolicy() {
    if (changed != null) {
      engine.getRepositoryService().deleteDeployment(changed.getId(), true);
    }
  }

  @Test
  void aNewVersionOfThePolicyTableDecidesTheNextLead() throws Exception {
    assertThat(responseSla(start("before@example.org"))).isEqualTo("PT5M");
    assertThat(responseSla(start("same.inputs@example.org"))).as("same source and score again").isEqualTo("PT5M");

    changed = deployPolicyWith("<outputEntry id=\"OutputEntry_T1_Response_sla\"><text>\"PT5M\"</text>", "PT5M",
        "PT7M");

    assertThat(responseSla(start("after@example.org"))).isEqualTo("PT7M");
    assertThat(responseSla(start("after.again@example.org"))).isEqualTo("PT7M");
  }

  @Test
  void eachStageTakesItsPolicyWhenItStarts() throws Exception {
    String lead = start("stage.by.stage@example.org");
    assertThat(responseSla(lead)).isEqualTo("PT5M");
    assertThat(clocks.latest(leadId(lead), 1, SlaStage.QUALIFICATION.key()))
        .as("a later stage's policy is not decided before that stage").isEmpty();

    // the table changes while the rep works the response stage
    changed = deployPolicyWith("<outputEntry id=\"OutputEntry_T1_Qualification_sla\"><text>\"P2D\"</text>",
        "P2D", "P4D");
    var instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(lead).singleResult();
    driver.completeTouch(instance, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "connected");

    assertThat(sla(lead, SlaStage.QUALIFICATION)).isEqualTo("P4D");
    assertThat(responseSla(lead)).as("the finished stage keeps what it ran with").isEqualTo("PT5M");
  }

  @Test
  void aLeadOfTheVersionBeforeStillGetsEveryStagesPolicyAtItsStart() throws Exception {
    // a LeadCycle version deployed before this release, with a lead waiting for its start job at the upgrade
    String lead = startAsTheReleaseBefore("legacy/LeadCycle-all-policies-at-start.bpmn", "old.version@example.org");
    LeadCycleDriver.runStartJob(engine, lead);
    driver.runAsyncJobs(engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(lead)
        .singleResult());

    assertThat(engine.getRuntimeService().getVariable(lead, "responseSla")).isEqualTo("PT5M");
    assertThat(engine.getRuntimeService().getVariable(lead, "qualificationSla")).isEqualTo("P2D");
    assertThat(engine.getRuntimeService().getVariable(lead, "handoffSla")).isNotNull();
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(lead)
        .taskDefinitionKey(LeadCycleProcess.TASK_RESPOND_TO_LEAD).count()).isEqualTo(1);
  }

  @Test
  void aLeadOfTheVersionWhoseTimersReadDeadlineVariablesStillGetsItsTimers() {
    // the LeadCycle version before clock runs kept the deadlines: its timers read them from variables
    String lead = startAsTheReleaseBefore("legacy/LeadCycle-deadlines-in-variables.bpmn",
        "deadline.variables@example.org");
    LeadCycleDriver.runStartJob(engine, lead);

    var instance = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(lead).singleResult();
    assertThat(driver.dateVariable(instance, "slaWarningAt")).isEqualTo(T0.plus(java.time.Duration.ofMinutes(3)));
    driver.assertTimerDueAt(instance, "BoundaryEvent_ResponseSlaWarning",
        T0.plus(java.time.Duration.ofMinutes(3)));
    driver.assertTimerDueAt(instance, "BoundaryEvent_ResponseSlaExpired",
        T0.plus(java.time.Duration.ofMinutes(65)));
  }

  /**
   * Deploys an earlier LeadCycle version and starts a lead on it as that release left it at the upgrade, waiting
   * for its start job: that release's intake also copied the lead's fields into variables, which the earlier
   * version's decision and mails read.
   */
  private String startAsTheReleaseBefore(String resource, String email) {
    changed = engine.getRepositoryService().createDeployment().name(resource).addClasspathResource(resource).deploy();
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery().deploymentId(changed.getId())
        .singleResult().getId();
    Map<String, Object> fields = Map.of("leadName", "Jo Prospect", "email", email, "source", "demo_request",
        "score", 50);
    String lead = engine.getRuntimeService().startProcessInstanceById(definitionId, fields).getId();
    engine.getRuntimeService().setVariables(lead, fields);
    engine.getRuntimeService().setVariable(lead, "arrivedAt", java.util.Date.from(T0));
    return lead;
  }

  private Deployment deployPolicyWith(String entry, String from, String to) throws Exception {
    String table = new String(new ClassPathResource("bpmn/LeadSlaPolicy.dmn").getInputStream().readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(table).contains(entry);
    return engine.getRepositoryService().createDeployment().name(entry + " " + to)
        .addInputStream("LeadSlaPolicy.dmn", new ByteArrayInputStream(table.replace(entry, entry.replace(from, to))
            .getBytes(StandardCharsets.UTF_8)))
        .deploy();
  }

  private String start(String email) {
    IntakeResult accepted = intake.submit(new LeadFields("Jo Prospect", email, "Acme Corp", null, null,
        "demo_request", null, 50, true, null), "api");
    LeadCycleDriver.runStartJob(engine, accepted.processInstanceId());
    return accepted.processInstanceId();
  }

  private String responseSla(String processInstanceId) {
    return sla(processInstanceId, SlaStage.RESPONSE);
  }

  /** The SLA the stage's clock runs with. */
  private String sla(String processInstanceId, SlaStage stage) {
    return clocks.latest(leadId(processInstanceId), 1, stage.key()).orElseThrow().policy().sla().toString();
  }

  private String leadId(String processInstanceId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(processInstanceId)
        .singleResult().getBusinessKey();
  }
}
