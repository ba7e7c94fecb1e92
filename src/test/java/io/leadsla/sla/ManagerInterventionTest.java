package io.leadsla.sla;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static io.leadsla.sla.LeadCycleDriver.plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.leadsla.lead.InvalidInputException;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** What a sales manager can do with a lead that missed its SLA, on every stage. */
class ManagerInterventionTest extends LeadCycleTestSupport {



  private ProcessInstance breachedLeadAt(SlaStage stage) {
    ProcessInstance lead = driver.leadAt(stage);
    driver.fireTimer(lead, SlaStageProcess.BREACH_TIMER, plus(countsFrom(stage, T0), LeadCycleSlaTimersTest.tier1(stage).sla()));
    return lead;
  }

  private void intervene(ProcessInstance lead, SlaStage stage, Map<String, Object> decision) {
    driver.complete(lead, SlaStageProcess.TASK_INTERVENE, decision);
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void reassignGivesTheLeadToAnotherRepWithAFreshClock(SlaStage stage) {
    ProcessInstance lead = breachedLeadAt(stage);
    String before = (String) driver.variable(lead, "owner");
    Instant now = LeadCycleDriver.now();

    intervene(lead, stage, Map.of("intervention", "reassign"));

    String after = (String) driver.variable(lead, "owner");
    assertThat(after).isNotEqualTo(before);
    assertThat(driver.task(lead, SlaStageProcess.workTask(stage)).getAssignee()).isEqualTo(after);
    assertThat(driver.task(lead, SlaStageProcess.workTask(stage)).getDueDate().toInstant())
        .isEqualTo(plus(now, LeadCycleSlaTimersTest.tier1(stage).sla()));
    assertThat(driver.variable(lead, "reassignmentReason")).isEqualTo("Reassigned by a manager after the SLA was missed");
    assertThat(driver.stageInstance(lead)).isWaitingAt(SlaStageProcess.workTask(stage));
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void extendGivesTheSameOwnerOneMoreFullSla(SlaStage stage) {
    ProcessInstance lead = breachedLeadAt(stage);
    String owner = (String) driver.variable(lead, "owner");
    Instant now = LeadCycleDriver.now();

    intervene(lead, stage, Map.of("intervention", "extend"));

    Instant extended = plus(now, LeadCycleSlaTimersTest.tier1(stage).sla());
    assertThat(driver.task(lead, SlaStageProcess.workTask(stage)).getAssignee()).isEqualTo(owner);
    assertThat(driver.task(lead, SlaStageProcess.workTask(stage)).getDueDate().toInstant()).isEqualTo(extended);
    assertThat(clockRun(lead, stage).extended()).isTrue();
    driver.assertTimerDueAt(lead, SlaStageProcess.BREACH_TIMER, extended);
  }

  @Test
  void aSecondExtensionIsRefusedAndTheInterventionStaysOpen() {
    SlaStage stage = SlaStage.RESPONSE;
    ProcessInstance lead = breachedLeadAt(stage);
    intervene(lead, stage, Map.of("intervention", "extend"));
    Instant extendedDeadline = clockRun(lead, stage).deadline();
    driver.fireTimer(lead, SlaStageProcess.BREACH_TIMER, extendedDeadline);
    String interventionId = driver.task(lead, SlaStageProcess.TASK_INTERVENE).getId();

    assertThatThrownBy(() -> engine.getTaskService().complete(interventionId, Map.of("intervention", "extend")))
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("already extended once");

    assertThat(engine.getTaskService().createTaskQuery().taskId(interventionId).count()).isEqualTo(1);
    assertThat(clockRun(lead, stage).deadline()).isEqualTo(extendedDeadline);
  }

  static Stream<Arguments> dispositionsOnEveryStage() {
    return Stream.of(SlaStage.values()).flatMap(stage -> Stream.of(
        Arguments.of(stage, "nurture", LeadCycleProcess.END_NURTURE, "Budget next quarter"),
        Arguments.of(stage, "unqualified", LeadCycleProcess.END_UNQUALIFIED, "Competitor")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("dispositionsOnEveryStage")
  void aDispositionEndsTheCycleWithTheManagersReason(SlaStage stage, String choice, String endEvent, String reason) {
    ProcessInstance lead = breachedLeadAt(stage);

    intervene(lead, stage, Map.of("intervention", choice, "dispositionReason", reason));

    assertThat(lead).isEnded().hasPassed(endEvent);
    assertThat(driver.disposition(lead)).isEqualTo(choice);
    assertThat(driver.dispositionReason(lead)).isEqualTo(reason);
  }

  @Test
  void unqualifiedWithoutAReasonIsRefused() {
    ProcessInstance lead = breachedLeadAt(SlaStage.RESPONSE);
    String interventionId = driver.task(lead, SlaStageProcess.TASK_INTERVENE).getId();

    assertThatThrownBy(() -> engine.getTaskService().complete(interventionId, Map.of("intervention", "unqualified")))
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("dispositionReason is required");
    assertThatThrownBy(() -> engine.getTaskService().complete(interventionId, Map.of("intervention", "delete")))
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .hasMessageContaining("intervention must be one of");

    assertThat(driver.stageInstance(lead)).isWaitingAt(LeadCycleProcess.TASK_RESPOND_TO_LEAD, SlaStageProcess.TASK_INTERVENE);
  }
}
