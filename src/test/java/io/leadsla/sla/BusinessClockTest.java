package io.leadsla.sla;

import static io.leadsla.sla.LeadCycleDriver.setClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.leadsla.team.TeamDirectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tier-2 leads run on business clocks: the SDR team works 09:00-17:00 UTC on weekdays, the account executives
 * 09:00-17:00 in New York (see ProcessTest). T2: response 1 working hour (warning 15 min before), hand-off 1 day.
 */
class BusinessClockTest extends LeadCycleTestSupport {

  @Autowired TeamDirectory directory;
  @Autowired JdbcTemplate jdbc;

  /** A tier-2 lead (trial signup, score 10). */
  ProcessInstance t2Lead(String region) {
    return driver.submitLead("trial_signup", 10, region == null ? Map.of() : Map.of("region", region));
  }

  @Test
  void aLeadArrivingOnSaturdayNightGetsAMondayMorningDeadline() {
    setClock(Instant.parse("2026-03-07T22:00:00Z"));

    ProcessInstance lead = t2Lead(null);

    assertThat(leadOf(lead).tier()).isEqualTo("T2");
    assertThat(clockRun(lead, SlaStage.RESPONSE).policy().businessHours()).isTrue();
    Instant monday10 = Instant.parse("2026-03-09T10:00:00Z");
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getDueDate().toInstant()).isEqualTo(monday10);
    assertThat(driver.timer(lead, SlaStageProcess.BREACH_TIMER).getDuedate().toInstant())
        .isEqualTo(monday10);
    assertThat(driver.timer(lead, SlaStageProcess.EXECUTIVE_TIMER).getDuedate().toInstant())
        .isEqualTo(Instant.parse("2026-03-09T12:00:00Z"));
    assertThat(driver.timer(lead, SlaStageProcess.EXPIRY_TIMER).getDuedate().toInstant())
        .isEqualTo(Instant.parse("2026-03-09T14:00:00Z"));
    // the warning 15 working minutes before the deadline: not a minute of Sunday counts
    driver.fireTimer(lead, SlaStageProcess.WARNING_TIMER, Instant.parse("2026-03-09T09:45:00Z"));
    driver.assertOneMail("Going cold", driver.variable(lead, "owner") + "@example.com");
  }

  @Test
  void theHandOffToTheAccountExecutivesRunsOnTheirNewYorkHours() {
    setClock(Instant.parse("2026-03-09T10:00:00Z"));   // Monday: 10:00 for the SDRs, 06:00 in New York
    ProcessInstance lead = t2Lead(null);
    assertThat(driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD).getDueDate().toInstant())
        .isEqualTo(Instant.parse("2026-03-09T11:00:00Z"));

    driver.completeTouch(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD, "phone", "connected");
    driver.complete(lead, LeadCycleProcess.TASK_QUALIFY_LEAD, Map.of(
        "disposition", "qualified", "meetingAt", "2026-03-12T15:00-04:00", "dispositionReason", "Budget"));

    assertThat(driver.variable(lead, "ownerGroup")).isEqualTo("ae");
    // New York opens at 09:00 EDT (13:00 UTC); one working day later is Tuesday 09:00 EDT
    Task handoff = driver.task(lead, LeadCycleProcess.TASK_ACCEPT_OPPORTUNITY);
    assertThat(handoff.getDueDate().toInstant()).isEqualTo(Instant.parse("2026-03-10T13:00:00Z"));
    assertThat(driver.timer(lead, SlaStageProcess.WARNING_TIMER).getDuedate().toInstant())
        .isEqualTo(Instant.parse("2026-03-09T17:00:00Z"));   // 4 working hours before: Monday 13:00 EDT
    // the cycle's report columns were kept on the way
    assertThat(jdbc.queryForMap("SELECT team, first_owner, response_deadline, first_attempt_at, first_contact_at, "
        + "attempts_to_contact, qualified_at FROM lead_cycle WHERE lead_id = ?", lead.getBusinessKey()))
        .containsEntry("TEAM", "sdr")
        .containsEntry("FIRST_OWNER", jdbc.queryForObject(
            "SELECT to_owner FROM lead_assignment WHERE lead_id = ? AND stage = 'response'", String.class,
            lead.getBusinessKey()))
        .containsEntry("ATTEMPTS_TO_CONTACT", 1);
    assertThat(jdbc.queryForObject("SELECT first_contact_at FROM lead_cycle WHERE lead_id = ?", java.sql.Timestamp.class,
        lead.getBusinessKey()).toInstant()).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
    assertThat(jdbc.queryForObject("SELECT qualified_at FROM lead_cycle WHERE lead_id = ?", java.sql.Timestamp.class,
        lead.getBusinessKey()).toInstant()).isEqualTo(Instant.parse("2026-03-09T10:00:00Z"));
  }

  @Test
  void aUsLeadGoesToTheUsTeam() {
    if (directory.membersOf("sdr-us").isEmpty()) {
      engine.getIdentityService().saveGroup(engine.getIdentityService().newGroup("sdr-us"));
      var rep = engine.getIdentityService().newUser("usrep");
      rep.setEmail("usrep@example.com");
      engine.getIdentityService().saveUser(rep);
      engine.getIdentityService().createMembership("usrep", "sdr-us");
    }

    ProcessInstance lead = t2Lead("US");

    assertThat(driver.variable(lead, "ownerGroup")).isEqualTo("sdr-us");
    assertThat(driver.variable(lead, "owner")).isEqualTo("usrep");
    assertThat(jdbc.queryForObject("SELECT to_owner || ' ' || team || ' ' || reason FROM lead_assignment "
        + "WHERE lead_id = ?", String.class, lead.getBusinessKey())).isEqualTo("usrep sdr-us New sdr lead for sdr-us");
  }

  @Test
  void whenTheWholeTeamIsAwayTheLeadWaitsInTheTeamQueueOnTheClockUntilSomeoneClaimsIt() {
    List<String> sdrs = directory.membersOf("sdr");
    sdrs.forEach(rep -> directory.setAway(rep, true));
    ProcessInstance lead;
    try {
      lead = driver.submitLead("demo_request", 50);
    } finally {
      sdrs.forEach(rep -> directory.setAway(rep, false));
    }

    Task queued = driver.task(lead, LeadCycleProcess.TASK_RESPOND_TO_LEAD);
    assertThat(queued.getAssignee()).isNull();
    assertThat(driver.variable(lead, "owner")).isNull();
    assertThat(engine.getTaskService().getIdentityLinksForTask(queued.getId()))
        .anySatisfy(link -> assertThat(link.getGroupId()).isEqualTo("sdr"));
    assertThat(queued.getDueDate().toInstant()).isEqualTo(LeadCycleDriver.T0.plusSeconds(300));
    driver.assertOneMail("New response SLA for you", "maria@example.com");   // nobody in: the manager hears

    engine.getTaskService().claim(queued.getId(), "sara");

    assertThat(driver.variable(lead, "owner")).isEqualTo("sara");
    assertThat(jdbc.queryForObject("SELECT owner FROM lead_cycle WHERE lead_id = ?", String.class,
        lead.getBusinessKey())).isEqualTo("sara");
    assertThat(jdbc.queryForList("SELECT COALESCE(to_owner, '-') || ': ' || reason FROM lead_assignment "
        + "WHERE lead_id = ? ORDER BY id", String.class, lead.getBusinessKey())).containsExactly(
        "-: New sdr lead for sdr; nobody in sdr is free: team queue",
        "sara: Claimed from the team queue");
  }
}
