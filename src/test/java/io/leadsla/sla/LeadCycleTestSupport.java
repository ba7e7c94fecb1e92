package io.leadsla.sla;

import static io.leadsla.sla.LeadCycleDriver.T0;
import static io.leadsla.sla.LeadCycleDriver.setClock;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.ProcessTest;
import java.time.Instant;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/** Process tests start at {@link LeadCycleDriver#T0} with a fresh GreenMail SMTP server per test. */
@ProcessTest
public abstract class LeadCycleTestSupport {

  @RegisterExtension
  protected static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(ProcessTest.SMTP_PORT, null, "smtp"));

  @Autowired protected ProcessEngine engine;
  @Autowired protected SlaClockLog clocks;
  protected LeadCycleDriver driver;

  @Autowired protected io.leadsla.lead.LeadStore leadStore;

  /** The lead an instance of LeadCycle works on, as the lead store has it for the instance's cycle. */
  protected io.leadsla.lead.LeadStore.CycleLead leadOf(org.camunda.bpm.engine.runtime.ProcessInstance lead) {
    Object cycle = driver.variable(lead, "cycle");
    return leadStore.cycleLead(lead.getBusinessKey(), cycle == null ? 1 : ((Number) cycle).intValue()).orElseThrow();
  }

  /** The latest run of the stage's clock in the lead's cycle. */
  protected SlaClockLog.ClockRun clockRun(org.camunda.bpm.engine.runtime.ProcessInstance lead, SlaStage stage) {
    Object cycle = driver.variable(lead, "cycle");
    return clocks.latest(lead.getBusinessKey(), cycle == null ? 1 : ((Number) cycle).intValue(), stage.key())
        .orElseThrow();
  }

  @Autowired protected io.leadsla.team.Teams teams;

  /**
   * When a round-the-clock clock of the stage, started at {@code moment}, counts from: when its team is at work
   * (the SDRs work 09:00-17:00 UTC, the account executives New York hours, so a hand-off at T0 counts from 14:00).
   */
  protected Instant countsFrom(SlaStage stage, Instant moment) {
    return teams.calendarOf(stage == SlaStage.HANDOFF ? io.leadsla.security.SalesGroups.AE
        : io.leadsla.security.SalesGroups.SDR).nextWorkingMoment(moment);
  }

  @BeforeEach
  void startTheClock() {
    BpmnAwareTests.init(engine);
    driver = new LeadCycleDriver(engine, greenMail);
    setClock(T0);
  }

  @AfterEach
  void resetTheClock() {
    ClockUtil.reset();
  }
}
