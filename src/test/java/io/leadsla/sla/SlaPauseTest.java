package io.leadsla.sla;

import static io.leadsla.sla.LeadCycleDriver.setClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.leadsla.lead.InvalidInputException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A lead that asked to wait pauses the qualification clock until the follow-up date, and the clock resumes with
 * the working time that was left. T2 qualification: 3 working days; the SDRs work 09:00-17:00 UTC on weekdays.
 */
class SlaPauseTest extends LeadCycleTestSupport {

  static final String PAUSE_TIMER = SlaStageProcess.PAUSE_ENDS;

  @Autowired JdbcTemplate jdbc;

  /** A T2 lead that reached qualification on Monday 9 March 2026 at 10:10 UTC: due Thursday 10:10. */
  ProcessInstance leadInQualification() {
    setClock(Instant.parse("2026-03-09T10:00:00Z"));
    ProcessInstance instance = driver.submitLead("trial_signup", 10, Map.of());
    setClock(Instant.parse("2026-03-09T10:10:00Z"));
    driver.completeTouch(instance, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "connected");
    assertThat(driver.task(instance, LeadCycleProcess.TASK_QUALIFY_LEAD).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-03-12T10:10:00Z"));
    return instance;
  }

  Map<String, Object> pause(String until, String reason) {
    Map<String, Object> choice = new HashMap<>(Map.of("disposition", "pause", "pauseUntil", until));
    if (reason != null) {
      choice.put("dispositionReason", reason);
    }
    return choice;
  }

  @Test
  void thePausedClockResumesOnTheFollowUpDateWithTheWorkingTimeThatWasLeft() {
    ProcessInstance lead = leadInQualification();
    setClock(Instant.parse("2026-03-10T11:10:00Z"));   // Tuesday: 15 working hours left

    driver.complete(lead, LeadCycleProcess.TASK_QUALIFY_LEAD, pause("2026-03-16", "Board decides on Friday"));

    assertThat(driver.stageInstance(lead)).isWaitingAt(PAUSE_TIMER);
    assertThat(driver.variable(lead, "slaRemaining")).isEqualTo("PT15H");
    assertThat(LeadCycleDriver.jobs(engine, lead.getId())).as("no SLA timer runs while paused").hasSize(1);
    assertThat(LeadCycleDriver.jobsAt(engine, lead.getId(), PAUSE_TIMER)).hasSize(1);
    assertThat(jdbc.queryForList("SELECT stage || ' ' || owner || ' ' || reason FROM sla_pause WHERE lead_id = ?",
        String.class, lead.getBusinessKey()))
        .containsExactly("qualification " + driver.variable(lead, "owner") + " Board decides on Friday");

    driver.fireTimer(lead, PAUSE_TIMER, Instant.parse("2026-03-16T09:00:00Z"));   // Monday at opening

    // Monday 09:00 + 15 working hours = Tuesday 16:00
    Instant resumedDeadline = Instant.parse("2026-03-17T16:00:00Z");
    assertThat(driver.task(lead, LeadCycleProcess.TASK_QUALIFY_LEAD).getDueDate().toInstant()).isEqualTo(resumedDeadline);
    assertThat(driver.timer(lead, SlaStageProcess.BREACH_TIMER).getDuedate().toInstant())
        .isEqualTo(resumedDeadline);
    assertThat(jdbc.queryForList("SELECT clock_round || ' ' || paused || ' ' || (ended_at IS NULL) FROM sla_clock "
        + "WHERE lead_id = ? AND stage = 'qualification' ORDER BY clock_round", String.class, lead.getBusinessKey()))
        .as("the paused run is not judged; the resumed run is on the clock")
        .containsExactly("1 TRUE FALSE", "2 FALSE TRUE");
  }

  @Test
  void theAccountExecutiveCanPauseTheHandOffUntilTheBookedMeeting() {
    ProcessInstance lead = leadInQualification();
    driver.complete(lead, LeadCycleProcess.TASK_QUALIFY_LEAD, Map.of(
        "disposition", "qualified", "meetingAt", "2026-03-13T15:00Z", "dispositionReason", "Meeting Friday"));
    // hand-off on New York hours (see ProcessTest): opens Monday 13:00 UTC, one working day: Tuesday 13:00 UTC
    assertThat(driver.task(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
    setClock(Instant.parse("2026-03-09T15:00:00Z"));   // 2 of the 8 working hours gone

    driver.complete(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY, Map.of(
        "handoffDecision", "pause", "pauseUntil", "2026-03-13", "pauseReason", "Meeting on Friday, call after"));

    assertThat(driver.stageInstance(lead)).isWaitingAt(SlaStageProcess.PAUSE_ENDS);
    assertThat(driver.variable(lead, "slaRemaining")).isEqualTo("PT6H");
    // Friday at the New York opening (13:00 UTC) + 6 working hours = Friday 19:00 UTC
    driver.fireTimer(lead, SlaStageProcess.PAUSE_ENDS, Instant.parse("2026-03-13T13:00:00Z"));
    assertThat(driver.task(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-03-13T19:00:00Z"));
  }

  @Test
  void aPauseNeedsAReasonAFutureDateWithinThirtyDaysAndAnSlaNotMissedYet() {
    ProcessInstance lead = leadInQualification();
    String task = driver.task(lead, LeadCycleProcess.TASK_QUALIFY_LEAD).getId();

    List.of(pause("2026-03-16", null), pause("2026-03-09", "today"), pause("2026-05-01", "too far"),
        pause("someday", "not a date")).forEach(choice ->
            assertThatThrownBy(() -> engine.getTaskService().complete(task, choice))
                .hasRootCauseInstanceOf(InvalidInputException.class));

    setClock(Instant.parse("2026-03-12T10:11:00Z"));   // a minute after the deadline
    assertThatThrownBy(() -> engine.getTaskService().complete(task, pause("2026-03-16", "Call me Monday")))
        .hasMessageContaining("The SLA was already missed");
    assertThat(driver.stageInstance(lead)).isWaitingAt(LeadCycleProcess.TASK_QUALIFY_LEAD);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sla_pause WHERE lead_id = ?", Integer.class,
        lead.getBusinessKey())).isZero();
  }
}
