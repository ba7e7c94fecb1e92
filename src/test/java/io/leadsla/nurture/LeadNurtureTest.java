package io.leadsla.nurture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.leadsla.intake.IntakeResult;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import io.leadsla.sla.LeadCycleDriver;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.LeadCycleTestSupport;
import io.leadsla.sla.SlaStage;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A nurtured lead waits in LeadNurture until it comes back as cycle 2: by a new submission, by engagement points
 * that reach the threshold, or on the re-contact date. Policy of a T1 lead: half the score kept, threshold 70, 30 days.
 */
class LeadNurtureTest extends LeadCycleTestSupport {

  @Autowired LeadEngagements engagements;
  @Autowired LeadIntakeService intake;
  @Autowired JdbcTemplate jdbc;

  /** A T1 lead (demo request, score 50) that the rep moved to nurture during qualification. */
  ProcessInstance nurturedLead(String recontactDate) {
    ProcessInstance lead = driver.leadAt(SlaStage.QUALIFICATION);
    Map<String, Object> choice = recontactDate == null
        ? Map.of("disposition", "nurture", "dispositionReason", "No budget this year")
        : Map.of("disposition", "nurture", "dispositionReason", "Buying in Q3", "recontactDate", recontactDate);
    driver.complete(lead, LeadCycleProcess.TASK_QUALIFY_LEAD, choice);
    assertThat(lead).isEnded().hasPassed(LeadCycleProcess.END_NURTURE);
    return lead;
  }

  ProcessInstance nurtureOf(String leadId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(LeadNurtureProcess.KEY)
        .processInstanceBusinessKey(leadId).singleResult();
  }

  ProcessInstance openCycleOf(String leadId) {
    return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(LeadCycleProcess.KEY)
        .processInstanceBusinessKey(leadId).singleResult();
  }

  int storedScore(String leadId) {
    return jdbc.queryForObject("SELECT score FROM lead WHERE id = ?", Integer.class, leadId);
  }

  @Test
  void aNurturedLeadWaitsVisiblyWithALowerScoreUntilTheRepsReContactDate() {
    ProcessInstance cycle = nurturedLead("2026-06-01");

    ProcessInstance nurture = nurtureOf(cycle.getBusinessKey());
    assertThat(nurture).isNotNull().isWaitingAt(LeadNurtureProcess.WAIT_FOR_LEAD);
    assertThat(driver.variable(nurture, "nurturedCycle")).isEqualTo(1);
    assertThat(driver.variable(nurture, "nurtureReason")).isEqualTo("Buying in Q3");
    assertThat(driver.variable(nurture, "score")).isEqualTo(25);
    assertThat(driver.variable(nurture, "reengageScore")).isEqualTo(70);
    assertThat(storedScore(cycle.getBusinessKey())).isEqualTo(25);
    // the re-contact day at the team's opening time (working hours 09:00-17:00 UTC in tests)
    assertThat(driver.dateVariable(nurture, "recontactAt")).isEqualTo(Instant.parse("2026-06-01T09:00:00Z"));
  }

  @Test
  void aLeadComingBackFromNurtureKeepsItsConsentAndCampaign() {
    ProcessInstance cycle = nurturedLead("2026-06-01");
    // the lead had agreed to be contacted, and came in through a campaign
    jdbc.update("UPDATE lead SET consent = TRUE, campaign = 'spring-launch' WHERE id = ?", cycle.getBusinessKey());
    ProcessInstance nurture = nurtureOf(cycle.getBusinessKey());

    driver.fireTimer(nurture, LeadNurtureProcess.RECONTACT_DATE_REACHED, Instant.parse("2026-06-01T09:00:00Z"));

    ProcessInstance next = openCycleOf(cycle.getBusinessKey());
    assertThat(leadOf(next).fields().consent()).isTrue();
    assertThat(leadOf(next).fields().campaign()).isEqualTo("spring-launch");
  }

  @Test
  void onTheReContactDateTheLeadComesBackAsCycleTwo() {
    ProcessInstance cycle = nurturedLead("2026-06-01");
    ProcessInstance nurture = nurtureOf(cycle.getBusinessKey());

    driver.fireTimer(nurture, LeadNurtureProcess.RECONTACT_DATE_REACHED, Instant.parse("2026-06-01T09:00:00Z"));

    assertThat(nurture).isEnded().hasPassed(LeadNurtureProcess.END_BACK_ON_RECONTACT_DATE);
    ProcessInstance next = openCycleOf(cycle.getBusinessKey());
    driver.runStartJob(next);
    assertThat(driver.stageInstance(next)).isWaitingAt(LeadCycleProcess.TASK_RESPOND_TO_LEAD);
    assertThat(driver.variable(next, "cycle")).isEqualTo(2);
    assertThat(driver.variable(next, "returnReason")).isEqualTo("recontact-date");
    assertThat(leadOf(next).fields().score()).isEqualTo(25);
    assertThat(driver.variable(next, "acknowledgeLead")).isEqualTo(false);
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM lead_cycle WHERE lead_id = ? AND ended_at IS NULL",
        Integer.class, cycle.getBusinessKey())).isEqualTo(1);
    // the nurtured cycle counts as re-engaged in the reports from now on
    assertThat(jdbc.queryForObject("SELECT next_cycle_at FROM lead_cycle WHERE lead_id = ? AND cycle = 1",
        java.sql.Timestamp.class, cycle.getBusinessKey()).toInstant())
        .isBetween(Instant.parse("2026-06-01T09:00:00Z"), Instant.parse("2026-06-01T09:01:00Z"));
  }

  @Test
  void withoutADateChosenThePolicyPeriodApplies() {
    ProcessInstance cycle = nurturedLead(null);

    // T1: 30 days after 2 March 2026, at opening time
    assertThat(driver.dateVariable(nurtureOf(cycle.getBusinessKey()), "recontactAt"))
        .isEqualTo(Instant.parse("2026-04-01T09:00:00Z"));
  }

  @Test
  void aReContactDateInThePastBringsTheLeadBackAtTheNextOpening() {
    LeadCycleDriver.setClock(Instant.parse("2026-03-06T18:00:00Z"));   // Friday evening
    ProcessInstance cycle = nurturedLead("2026-03-01");

    assertThat(driver.dateVariable(nurtureOf(cycle.getBusinessKey()), "recontactAt"))
        .isEqualTo(Instant.parse("2026-03-09T09:00:00Z"));               // Monday morning
  }

  @Test
  void engagementPointsBelowTheThresholdKeepTheLeadInNurtureAndReachingItStartsCycleTwo() {
    ProcessInstance cycle = nurturedLead("2026-06-01");
    String leadId = cycle.getBusinessKey();
    ProcessInstance nurture = nurtureOf(leadId);

    LeadEngagements.Result first = engagements.record(leadId,
        new EngagementEvent(20, "webinar-attended", LeadCycleDriver.now())).orElseThrow();

    assertThat(first.outcome()).isEqualTo(LeadEngagements.Outcome.NURTURING);
    assertThat(first.score()).isEqualTo(45);
    assertThat(driver.variable(nurture, "score")).isEqualTo(45);
    assertThat(nurture).isWaitingAt(LeadNurtureProcess.WAIT_FOR_LEAD);

    LeadEngagements.Result second = engagements.record(leadId,
        new EngagementEvent(30, "pricing-page-visit", LeadCycleDriver.now())).orElseThrow();

    assertThat(second.outcome()).isEqualTo(LeadEngagements.Outcome.REENGAGED);
    assertThat(second.score()).isEqualTo(75);
    assertThat(second.cycle()).isEqualTo(2);
    assertThat(nurture).isEnded().hasPassed(LeadNurtureProcess.END_BACK_BY_ENGAGEMENT);
    ProcessInstance next = openCycleOf(leadId);
    assertThat(next.getId()).isEqualTo(second.processInstanceId());
    assertThat(driver.variable(next, "cycle")).isEqualTo(2);
    assertThat(leadOf(next).fields().score()).isEqualTo(75);
    assertThat(driver.variable(next, "returnReason")).isEqualTo("engagement");
    assertThat(jdbc.queryForObject("SELECT SUM(points) FROM lead_engagement WHERE lead_id = ?", Integer.class, leadId))
        .isEqualTo(50);
    // the re-contact timer went with the nurture instance
    assertThat(engine.getManagementService().createJobQuery().processInstanceId(nurture.getId()).count()).isZero();
  }

  @Test
  void engagementOnALeadBeingWorkedRaisesTheScoreOfItsOpenCycle() {
    ProcessInstance cycle = driver.submitLead("webinar", 30);

    LeadEngagements.Result result = engagements.record(cycle.getBusinessKey(),
        new EngagementEvent(25, "ebook-download", LeadCycleDriver.now())).orElseThrow();

    assertThat(result.outcome()).isEqualTo(LeadEngagements.Outcome.ADDED_TO_OPEN_CYCLE);
    assertThat(leadOf(cycle).fields().score()).isEqualTo(55);
    assertThat(engagements.record("L-no-such-lead", new EngagementEvent(5, "x", LeadCycleDriver.now()))).isEmpty();
  }

  @Test
  void aNewSubmissionOfANurturedLeadStartsCycleTwoAndEndsTheNurture() {
    ProcessInstance cycle = nurturedLead("2026-06-01");
    String leadId = cycle.getBusinessKey();
    ProcessInstance nurture = nurtureOf(leadId);
    String email = leadStore.cycleLead(leadId, 1).orElseThrow().fields().email();

    IntakeResult result = intake.submit(
        new LeadFields("Jo Prospect", email, "Acme Corp", null, null, "pricing_page", null, 65, true, "Ready now"), "form");

    assertThat(result.outcome()).isEqualTo(IntakeResult.Outcome.REENGAGED);
    assertThat(result.leadId()).isEqualTo(leadId);
    assertThat(result.cycle()).isEqualTo(2);
    assertThat(nurture).isEnded().hasPassed(LeadNurtureProcess.END_BACK_BY_SUBMISSION);
    ProcessInstance next = openCycleOf(leadId);
    assertThat(driver.variable(next, "cycle")).isEqualTo(2);
    assertThat(leadOf(next).fields().score()).isEqualTo(65);
  }

  @Test
  void anUnqualifiedLeadIsNotNurturedAndItsEngagementIsOnlyRecorded() {
    ProcessInstance cycle = driver.leadAt(SlaStage.QUALIFICATION);
    driver.complete(cycle, LeadCycleProcess.TASK_QUALIFY_LEAD,
        Map.of("disposition", "unqualified", "dispositionReason", "Competitor"));

    assertThat(nurtureOf(cycle.getBusinessKey())).isNull();
    LeadEngagements.Result result = engagements.record(cycle.getBusinessKey(),
        new EngagementEvent(50, "webinar-attended", LeadCycleDriver.now())).orElseThrow();
    assertThat(result.outcome()).isEqualTo(LeadEngagements.Outcome.RECORDED);
    assertThat(openCycleOf(cycle.getBusinessKey())).isNull();
  }
}
