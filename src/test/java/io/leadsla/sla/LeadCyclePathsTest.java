package io.leadsla.sla;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.leadsla.lead.InvalidInputException;
import io.leadsla.lead.Touch;
import io.leadsla.lead.TouchLog;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ways a lead moves through a cycle: touches and cadence, dispositions, the AE hand-off, new cycles. */
class LeadCyclePathsTest extends LeadCycleTestSupport {


  @Autowired TouchLog touchLog;
  @Autowired JdbcTemplate jdbc;

  /** The cadence's row as the reports read it: team, touches made within it, when it ended. */
  Map<String, Object> cadenceRow(ProcessInstance lead) {
    return jdbc.queryForMap("SELECT team, touches, ended_at FROM lead_cadence WHERE lead_id = ? AND cycle = 1",
        lead.getBusinessKey());
  }

  static Instant instant(Object timestamp) {
    return timestamp instanceof java.time.OffsetDateTime time ? time.toInstant()
        : ((java.sql.Timestamp) timestamp).toInstant();
  }

  @Test
  void aLiveConversationOnTheFirstTouchGoesStraightToQualification() {
    ProcessInstance lead = driver.submitLead("contact_sales", 10);

    driver.completeTouch(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "connected");

    assertThat(driver.stageInstance(lead)).isWaitingAt(LeadCycleProcess.TASK_QUALIFY_LEAD);
    assertThat(driver.variable(lead, "stage")).isEqualTo("qualification");
    assertThat(touchLog.ofLead(lead.getBusinessKey(), 1))
        .extracting(Touch::stage, Touch::channel, Touch::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("response", "phone", "connected"));
  }

  @Test
  void theCadenceKeepsTouchingUntilALiveConversation() {
    ProcessInstance lead = driver.submitLead("trial_signup", 20); // T2: 12 touches in 21 days
    driver.completeTouch(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "no_answer");

    assertThat(lead).isWaitingAt(LeadCycleProcess.TASK_LOG_TOUCH);
    // 21 days / 11 gaps = 45 h 49 min between touches
    assertThat(driver.task(lead, LeadCycleProcess.TASK_LOG_TOUCH).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-03-04T06:49:00Z"));
    assertThat(driver.task(lead, LeadCycleProcess.TASK_LOG_TOUCH).getAssignee()).isEqualTo(driver.variable(lead, "owner"));
    // the form of the next touch starts empty
    assertThat(driver.variable(lead, "touchOutcome")).isNull();

    driver.completeTouch(lead, LeadCycleProcess.TASK_LOG_TOUCH, "email", "email_sent");
    assertThat(driver.task(lead, LeadCycleProcess.TASK_LOG_TOUCH).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-03-06T04:38:00Z"));
    driver.completeTouch(lead, LeadCycleProcess.TASK_LOG_TOUCH, "phone", "connected");

    assertThat(driver.stageInstance(lead)).isWaitingAt(LeadCycleProcess.TASK_QUALIFY_LEAD);
    assertThat(driver.variable(lead, "touchCount")).isEqualTo(3);
    assertThat(touchLog.ofLead(lead.getBusinessKey(), 1)).extracting(Touch::outcome)
        .containsExactly("no_answer", "email_sent", "connected");
    Map<String, Object> cadence = cadenceRow(lead);
    assertThat(cadence.get("TEAM")).isEqualTo(driver.variable(lead, "ownerGroup"));
    assertThat(((Number) cadence.get("TOUCHES")).intValue()).isEqualTo(3);
    assertThat(instant(cadence.get("ENDED_AT"))).isEqualTo(touchLog.ofLead(lead.getBusinessKey(), 1).get(2).at());
  }

  @Test
  void aCadenceWhoseTouchesAreUsedUpGoesToNurture() {
    ProcessInstance lead = driver.submitLead("newsletter", 0); // T4: 5 touches in 14 days
    driver.completeTouch(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "email", "email_sent");
    for (int touch = 2; touch <= 5; touch++) {
      driver.completeTouch(lead, LeadCycleProcess.TASK_LOG_TOUCH, "phone", "no_answer");
    }

    assertThat(lead).isEnded().hasPassed(LeadCycleProcess.END_NURTURE);
    assertThat(driver.dispositionReason(lead))
        .isEqualTo("Cadence ended without a live conversation: 5 of 5 planned touches within 14 days");
  }

  @Test
  void aCadenceThatRunsOutOfDaysGoesToNurture() {
    ProcessInstance lead = driver.submitLead("webinar", 10); // T3: 8 touches in 14 days
    driver.completeTouch(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "left_voicemail");

    driver.fireTimer(lead, LeadCycleProcess.BOUNDARY_CADENCE_ENDED, T0.plus(Duration.ofDays(14)));

    assertThat(lead).isEnded().hasPassed(LeadCycleProcess.END_NURTURE);
    assertThat(driver.dispositionReason(lead)).contains("1 of 8 planned touches");
    Map<String, Object> cadence = cadenceRow(lead);
    assertThat(((Number) cadence.get("TOUCHES")).intValue()).isEqualTo(1);
    assertThat(instant(cadence.get("ENDED_AT")))   // with the cycle
        .isBetween(T0.plus(Duration.ofDays(14)), T0.plus(Duration.ofDays(14)).plusSeconds(60));
  }

  @Test
  void aQualifiedLeadIsHandedToAnAccountExecutiveAndEndsQualifiedWhenContacted() {
    ProcessInstance lead = driver.leadAt(SlaStage.HANDOFF);
    String ae = (String) driver.variable(lead, "owner");
    assertThat(driver.variable(lead, "ownerGroup")).isEqualTo("ae");
    // the hand-off names the SDR it leaves, and is the stage's first pick, not a reassignment
    assertThat(jdbc.queryForList("SELECT kind || ' ' || COALESCE(from_owner, '-') || ' ' || to_owner "
        + "FROM lead_assignment WHERE lead_id = ? AND stage = 'handoff'", String.class, lead.getBusinessKey()))
        .singleElement().asString().startsWith("first ").doesNotStartWith("first - ").endsWith(" " + ae);

    driver.complete(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY,
        Map.of("handoffDecision", "accepted", "touchChannel", "meeting", "touchNote", "Intro call held"));

    assertThat(lead).isEnded().hasPassed(LeadCycleProcess.END_QUALIFIED);
    assertThat(driver.disposition(lead)).isEqualTo("qualified");
    assertThat(touchLog.ofLead(lead.getBusinessKey(), 1)).last()
        .satisfies(touch -> {
          assertThat(touch.by()).isEqualTo(ae);
          assertThat(touch.stage()).isEqualTo("handoff");
          assertThat(touch.note()).isEqualTo("Intro call held");
        });
  }

  @Test
  void anAccountExecutiveRejectionSendsTheLeadToNurtureWithTheReason() {
    ProcessInstance lead = driver.leadAt(SlaStage.HANDOFF);

    driver.complete(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY,
        Map.of("handoffDecision", "rejected", "rejectReason", "No budget this year"));

    assertThat(lead).isEnded().hasPassed(LeadCycleProcess.END_NURTURE);
    assertThat(driver.dispositionReason(lead))
        .isEqualTo("Rejected by the Account Executive: No budget this year");
  }

  @Test
  void aRejectionWithoutAReasonIsRefused() {
    ProcessInstance lead = driver.leadAt(SlaStage.HANDOFF);
    String taskId = driver.task(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY).getId();

    assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("handoffDecision", "rejected")))
        .hasRootCauseInstanceOf(InvalidInputException.class).hasMessageContaining("rejectReason is required");
    assertThat(driver.stageInstance(lead)).isWaitingAt(LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY);
  }

  @Test
  void nurtureWithAReContactDateEndsTheCycleAsNurture() {
    ProcessInstance lead = driver.leadAt(SlaStage.QUALIFICATION);

    driver.complete(lead, LeadCycleProcess.TASK_QUALIFY_LEAD,
        Map.of("disposition", "nurture", "recontactDate", "2026-06-01", "dispositionReason", "Buying in Q3"));

    assertThat(lead).isEnded().hasPassed(LeadCycleProcess.END_NURTURE);
    assertThat(driver.dispositionReason(lead)).isEqualTo("Buying in Q3");
    ProcessInstance nurture = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey(io.leadsla.nurture.LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(lead.getBusinessKey()).singleResult();
    assertThat(engine.getRuntimeService().getVariable(nurture.getId(), "recontactDate")).isEqualTo("2026-06-01");
  }

  @Test
  void unqualifiedNeedsAReasonAndEndsTheCycleAsUnqualified() {
    ProcessInstance lead = driver.leadAt(SlaStage.QUALIFICATION);
    String taskId = driver.task(lead, LeadCycleProcess.TASK_QUALIFY_LEAD).getId();
    assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("disposition", "unqualified")))
        .hasRootCauseInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> engine.getTaskService().complete(taskId, Map.of("disposition", "qualified")))
        .hasMessageContaining("meetingAt is required");

    driver.complete(lead, LeadCycleProcess.TASK_QUALIFY_LEAD,
        Map.of("disposition", "unqualified", "dispositionReason", "Student, no company"));

    assertThat(lead).isEnded().hasPassed(LeadCycleProcess.END_UNQUALIFIED);
    assertThat(driver.dispositionReason(lead)).isEqualTo("Student, no company");
  }

  @Test
  void aTouchWithAnUnknownOutcomeIsRefusedAndNothingIsLogged() {
    ProcessInstance lead = driver.submitLead("demo_request", 50);
    String taskId = driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getId();

    assertThatThrownBy(() -> engine.getTaskService().complete(taskId,
        Map.of("touchChannel", "phone", "touchOutcome", "${execution.getProcessEngine()}")))
        .hasMessageContaining("touchOutcome must be one of");

    assertThat(touchLog.ofLead(lead.getBusinessKey(), 1)).isEmpty();
    assertThat(driver.stageInstance(lead)).isWaitingAt(LeadCycleProcess.TASK_RESPOND_TO_LEAD);
  }

  @Test
  void aLeadTypedInByHandGetsAnIdAndTheSameClock() {
    Map<String, Object> form = new HashMap<>(Map.of(
        "leadName", "Pat O'Brien <b>", "email", " PAT@Example.org ", "source", "event_list", "score", 80L));
    ProcessInstance lead = engine.getRuntimeService().startProcessInstanceByKey(LeadCycleProcess.KEY, form);
    driver.runAsyncJobs(lead);

    assertThat(lead).hasPassed(LeadCycleProcess.START_LEAD_ENTERED_MANUALLY);
    assertThat(driver.stageInstance(lead)).isWaitingAt(LeadCycleProcess.TASK_RESPOND_TO_LEAD);
    String leadId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(lead.getId())
        .singleResult().getBusinessKey();
    assertThat(leadId).as("a number a person can read and say").matches("L-\\d{4,}");
    var cycle = leadStore.cycleLead(leadId, 1).orElseThrow();
    assertThat(cycle.fields().email()).isEqualTo("pat@example.org");
    assertThat(cycle.fields().name()).isEqualTo("Pat O'Brien <b>");
    assertThat(driver.variable(lead, "email")).as("the typed-in fields live in the lead store only").isNull();
    assertThat(cycle.tier()).isEqualTo("T2"); // event list with score 80
  }

  @Test
  void aLeadWithABadEmailIsRejectedAndNothingStarts() {
    long before = engine.getRuntimeService().createProcessInstanceQuery().count();

    assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(LeadCycleProcess.KEY,
        Map.of("leadName", "Bad\r\nBcc: x@evil.example", "email", "not-an-email", "source", "webinar")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("leadName must be a single line")
        .hasMessageContaining("email is not a valid e-mail address");
    assertThatThrownBy(() -> engine.getRuntimeService().startProcessInstanceByKey(LeadCycleProcess.KEY,
        Map.of("leadName", "Jo", "email", "jo@example.org", "source", "carrier_pigeon")))
        .hasMessageContaining("source must be one of");

    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isEqualTo(before);
    assertThat(driver.sendMails()).as("nothing queued").isZero();
    assertThat(driver.mails()).isEmpty();
  }

  @Test
  void aNurturedLeadComesBackAsCycleTwoOfTheSameLead() {
    ProcessInstance first = driver.leadAt(SlaStage.QUALIFICATION);
    driver.complete(first, LeadCycleProcess.TASK_QUALIFY_LEAD, Map.of("disposition", "nurture"));
    assertThat(first).isEnded();

    ProcessInstance second = driver.submitLead(first.getBusinessKey(), "pricing_page", 70, 2);

    assertThat(second.getBusinessKey()).isEqualTo(first.getBusinessKey());
    assertThat(driver.variable(second, "cycle")).isEqualTo(2);
    assertThat(driver.stageInstance(second)).isWaitingAt(LeadCycleProcess.TASK_RESPOND_TO_LEAD);
    assertThat(LeadCycleDriver.body(driver.mails("New response SLA").get(1))).contains("(cycle 2)");
  }
}
