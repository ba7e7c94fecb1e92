package io.leadsla.sla;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static io.leadsla.sla.LeadCycleDriver.plus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every timer of every SLA stage, for a tier-1 lead (demo request): when it fires, who is mailed, where the lead goes. */
class LeadCycleSlaTimersTest extends LeadCycleTestSupport {

  @Autowired JdbcTemplate jdbc;


  /** The tier-1 rows of bpmn/LeadSlaPolicy.dmn, written out by hand. */
  record Tier1(String sla, String warnBefore, String executiveDelay, String expireAfter, int maxReassignments) {}

  static Tier1 tier1(SlaStage stage) {
    return switch (stage) {
      case RESPONSE -> new Tier1("PT5M", "PT2M", "PT30M", "PT1H", 2);
      case QUALIFICATION -> new Tier1("P2D", "PT4H", "P1D", "P2D", 1);
      case HANDOFF -> new Tier1("PT4H", "PT1H", "PT4H", "P1D", 2);
    };
  }

  static final Set<String> SDRS = Set.of("sam", "sara", "sol");
  static final Set<String> AES = Set.of("alex", "amy");


  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void ownerIsAlertedAndTheWorkTaskIsDueAtTheDeadline(SlaStage stage) {
    ProcessInstance lead = driver.leadAt(stage);

    Task work = driver.task(lead, SlaStageProcess.workTask(stage));
    String owner = (String) driver.variable(lead, "owner");
    assertThat(stage == SlaStage.HANDOFF ? AES : SDRS).contains(owner);
    assertThat(work.getAssignee()).isEqualTo(owner);
    assertThat(work.getDueDate().toInstant()).isEqualTo(plus(countsFrom(stage, T0), tier1(stage).sla()));
    assertThat(leadOf(lead).tier()).isEqualTo("T1");
    var alert = driver.mails("New " + stage.key() + " SLA for you").get(0);
    assertThat(LeadCycleDriver.recipients(alert)).containsExactly(owner + "@example.com");
    assertThat(LeadCycleDriver.body(alert)).contains("Jo Prospect", "Acme Corp", "demo_request",
        "http://leadsla.test/leads/" + lead.getBusinessKey() + "/task");
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void warningGoesToTheOwnerOnlyAtTheWarningPoint(SlaStage stage) {
    ProcessInstance lead = driver.leadAt(stage);
    String owner = (String) driver.variable(lead, "owner");
    Instant warningAt = plus(countsFrom(stage, T0), tier1(stage).sla()).minus(java.time.Duration.parse(tier1(stage).warnBefore()));

    driver.fireTimer(lead, SlaStageProcess.WARNING_TIMER, warningAt);

    driver.assertOneMail("Going cold", owner + "@example.com");
    assertThat(driver.stageInstance(lead)).isWaitingAt(SlaStageProcess.workTask(stage));
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void breachMailsOwnerAndManagerAndOpensAnIntervention(SlaStage stage) {
    ProcessInstance lead = driver.leadAt(stage);
    String owner = (String) driver.variable(lead, "owner");

    driver.fireTimer(lead, SlaStageProcess.BREACH_TIMER, plus(countsFrom(stage, T0), tier1(stage).sla()));

    driver.assertOneMailEach("SLA missed", owner + "@example.com", "maria@example.com");
    Task intervention = driver.task(lead, SlaStageProcess.TASK_INTERVENE);
    assertThat(engine.getTaskService().getIdentityLinksForTask(intervention.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("sales-managers"));
    assertThat(intervention.getDueDate().toInstant())
        .isEqualTo(plus(plus(countsFrom(stage, T0), tier1(stage).sla()), tier1(stage).expireAfter()));
    assertThat(driver.stageInstance(lead)).isWaitingAt(SlaStageProcess.workTask(stage), SlaStageProcess.TASK_INTERVENE);
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void executiveEscalationMailsTheExecutives(SlaStage stage) {
    ProcessInstance lead = driver.leadAt(stage);
    Instant deadline = plus(countsFrom(stage, T0), tier1(stage).sla());

    driver.fireTimer(lead, SlaStageProcess.BREACH_TIMER, deadline);
    driver.fireTimer(lead, SlaStageProcess.EXECUTIVE_TIMER, plus(deadline, tier1(stage).executiveDelay()));

    var escalation = driver.assertOneMail("Escalation", "eve@example.com");
    assertThat(LeadCycleDriver.subject(escalation)).contains("missed by");
    assertThat(driver.stageInstance(lead)).isWaitingAt(SlaStageProcess.workTask(stage), SlaStageProcess.TASK_INTERVENE);
    // the second level of the breach, as the reports count it: when the mail went out
    Instant escalated = plus(deadline, tier1(stage).executiveDelay());
    assertThat(jdbc.queryForObject("SELECT escalated_at FROM sla_clock WHERE lead_id = ? AND stage = ?",
        java.sql.Timestamp.class, lead.getBusinessKey(), stage.key()).toInstant())
        .isBetween(escalated, escalated.plusSeconds(60));
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void expiryReassignsToAnotherRepWithAFreshClock(SlaStage stage) {
    ProcessInstance lead = driver.leadAt(stage);
    String firstOwner = (String) driver.variable(lead, "owner");
    Instant expiry = plus(plus(countsFrom(stage, T0), tier1(stage).sla()), tier1(stage).expireAfter());
    driver.forgetMails();

    driver.fireTimer(lead, SlaStageProcess.EXPIRY_TIMER, expiry);

    String newOwner = (String) driver.variable(lead, "owner");
    assertThat(newOwner).isNotEqualTo(firstOwner).isIn(stage == SlaStage.HANDOFF ? AES : SDRS);
    Task work = driver.task(lead, SlaStageProcess.workTask(stage));
    assertThat(work.getAssignee()).isEqualTo(newOwner);
    Instant freshDeadline = plus(expiry.plusSeconds(1), tier1(stage).sla());
    assertThat(work.getDueDate().toInstant()).isEqualTo(freshDeadline);
    assertThat(clockRun(lead, stage).reassignments()).isEqualTo(1);
    assertThat(clockRun(lead, stage).round()).isEqualTo(2);
    driver.assertOneMail("New " + stage.key() + " SLA for you", newOwner + "@example.com");
    driver.assertTimerDueAt(lead, SlaStageProcess.BREACH_TIMER, freshDeadline);
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void expiryBeyondTheMaximumReassignmentsMovesTheLeadToNurture(SlaStage stage) {
    ProcessInstance lead = driver.leadAt(stage);
    Tier1 policy = tier1(stage);
    Instant stageStart = countsFrom(stage, T0);
    for (int reassignment = 0; reassignment <= policy.maxReassignments(); reassignment++) {
      Instant expiry = plus(plus(stageStart, policy.sla()), policy.expireAfter());
      driver.fireTimer(lead, SlaStageProcess.EXPIRY_TIMER, expiry);
      stageStart = countsFrom(stage, expiry.plusSeconds(1));
    }

    assertThat(lead).isEnded().hasPassed(LeadCycleProcess.END_NURTURE);
    assertThat(driver.disposition(lead)).isEqualTo("nurture");
    assertThat(driver.dispositionReason(lead))
        .contains("SLA expired after " + policy.maxReassignments() + " reassignment(s)");
  }

  @ParameterizedTest
  @EnumSource(SlaStage.class)
  void noTimerOutlivesTheStageOnceTheWorkIsDone(SlaStage stage) {
    ProcessInstance lead = driver.leadAt(stage);
    driver.fireTimer(lead, SlaStageProcess.BREACH_TIMER, plus(countsFrom(stage, T0), tier1(stage).sla()));

    switch (stage) {
      case RESPONSE -> driver.completeTouch(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "connected");
      case QUALIFICATION -> driver.complete(lead, LeadCycleProcess.TASK_QUALIFY_LEAD,
          Map.of("disposition", "unqualified", "dispositionReason", "Student project"));
      case HANDOFF -> driver.complete(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY,
          Map.of("handoffDecision", "accepted", "touchChannel", "email"));
    }

    // the manager's open intervention went with the stage, and so did all of the stage's timers
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(lead.getId())
        .taskDefinitionKey(SlaStageProcess.TASK_INTERVENE).count()).isZero();
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(lead.getId())
        .activityId(SlaStageProcess.EXPIRY_TIMER).count()).isZero();
  }
}
