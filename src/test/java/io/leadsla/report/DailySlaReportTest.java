package io.leadsla.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.ProcessTest;
import io.leadsla.ReachedFlowNodes;
import io.leadsla.lead.Touch;
import io.leadsla.lead.TouchLog;
import io.leadsla.sla.SlaClockLog;
import io.leadsla.sla.LeadCycleDriver;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The morning report from a fixed data set: team sdr on Monday 2 March 2026 in Berlin (UTC+1), reported at
 * 07:00 Berlin on Tuesday. Its own database, so nothing else adds leads.
 */
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-report;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.history-level=activity",   // the coverage gate reads every flow node reached
    "spring.mail.host=127.0.0.1",
    "spring.mail.port=" + ProcessTest.SMTP_PORT,
    "leadsla.report.zone=Europe/Berlin",
    "leadsla.report.time=07:00",
    "leadsla.mail.time-zone=Europe/Berlin"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailySlaReportTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(ProcessTest.SMTP_PORT, null, "smtp"));

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
  static final Instant TUESDAY_0700_BERLIN = Instant.parse("2026-03-03T06:00:00Z");

  static final String EXPECTED_SDR_TABLE = """
      Team sdr – Monday 2 March 2026
        Leads in               4
        Picked up              3 of 4 (75%)
        First touch, median    20 min
        First touch, 90th pct  1 h 10 min
        SLA compliance (met / due)
          response             1 / 4     25%
          qualification        1 / 1     100%
          handoff              0 / 0     –
        Breaches by rep
          sam                  2
          sara                 1
        Oldest waiting leads
          L-R5           Rosa Five                response      sol      since Sun 1 Mar 23:30, due Sun 1 Mar 23:35
          L-R4           Rita Four                response      sam      since Mon 2 Mar 13:00, due Mon 2 Mar 13:05
          L-R6           Ruth Six                 response      sara     since Tue 3 Mar 00:30, due Tue 3 Mar 00:35
        SLA pauses (the lead asked to wait)
          L-R3           qualification sam      until Mon 9 Mar 09:00: Board meets on Friday
      """;

  @Autowired JdbcTemplate jdbc;
  @Autowired SlaClockLog clocks;
  @Autowired TouchLog touches;
  @Autowired MorningReportQueries figures;
  @Autowired DailySlaReport report;
  @Autowired ProcessEngine engine;

  @BeforeAll
  void fixedDataSet() {
    // lead, started (UTC), first touch, response owner, response clock ended
    lead("L-R1", "Rae One", "2026-03-02T08:00:00Z", "2026-03-02T08:04:00Z", "sam", "2026-03-02T08:04:00Z");
    lead("L-R2", "Rob Two", "2026-03-02T09:00:00Z", "2026-03-02T09:20:00Z", "sara", "2026-03-02T09:20:00Z");
    lead("L-R3", "Ray Three", "2026-03-02T10:00:00Z", "2026-03-02T11:10:00Z", "sam", "2026-03-02T11:10:00Z");
    lead("L-R4", "Rita Four", "2026-03-02T12:00:00Z", null, "sam", null);
    lead("L-R5", "Rosa Five", "2026-03-01T22:30:00Z", null, "sol", null);    // Sunday 23:30 in Berlin
    lead("L-R6", "Ruth Six", "2026-03-02T23:30:00Z", null, "sara", null);    // Tuesday 00:30 in Berlin
    // R1 was qualified in time (sdr) and is with an account executive (team ae, not in sdr's figures)
    clock("L-R1", "qualification", "sam", "sdr", "2026-03-02T08:04:00Z", "2026-03-02T16:00:00Z", "2026-03-02T15:00:00Z");
    clock("L-R1", "handoff", "alex", "ae", "2026-03-02T15:00:00Z", "2026-03-02T20:00:00Z", null);
    // R3 asked to wait: its qualification clock (due that day) was paused, so it is neither met nor missed
    clock("L-R3", "qualification", "sam", "sdr", "2026-03-02T11:10:00Z", "2026-03-02T18:00:00Z", "2026-03-02T14:00:00Z");
    clocks.paused("L-R3", 1, "qualification", 1, "sam", "sdr", Instant.parse("2026-03-02T14:00:00Z"),
        Instant.parse("2026-03-09T08:00:00Z"), "Board meets on Friday");
  }

  void lead(String id, String name, String started, String firstTouch, String owner, String clockEnded) {
    Timestamp at = Timestamp.from(Instant.parse(started));
    jdbc.update("INSERT INTO lead (id, email, name, source, score, consent, created_at, updated_at) "
        + "VALUES (?, ?, ?, 'webinar', 50, TRUE, ?, ?)", id, id.toLowerCase() + "@example.org", name, at, at);
    jdbc.update("INSERT INTO lead_cycle (lead_id, cycle, process_instance_id, source, started_at) "
        + "VALUES (?, 1, ?, 'webinar', ?)", id, "pi-" + id, at);
    // clocks and touches through the application's own writers, which keep the cycle's report columns
    clock(id, "response", owner, "sdr", started, Instant.parse(started).plus(Duration.ofMinutes(5)).toString(), clockEnded);
    if (firstTouch != null) {
      touches.add(new Touch(id, 1, "pi-" + id, "response", Instant.parse(firstTouch), owner, "phone", "connected", null));
    }
  }

  void clock(String id, String stage, String owner, String group, String started, String deadline, String ended) {
    clocks.started(new SlaClockLog.ClockRun(id, 1, stage, 1, owner, group, Instant.parse(started),
        Instant.parse(deadline)));
    if (ended != null) {
      clocks.ended(id, 1, stage, Instant.parse(ended));
    }
  }

  @BeforeEach
  void clean() {
    jdbc.update("DELETE FROM notification");
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @AfterAll
  void recordCoverage() {
    ReachedFlowNodes.record(engine.getHistoryService());
  }

  @Test
  void theFiguresOfTheDay() {
    TeamDayFigures sdr = figures.of("sdr", MONDAY, BERLIN, TUESDAY_0700_BERLIN);

    assertThat(sdr.leadsIn()).isEqualTo(4);
    assertThat(sdr.pickedUp()).isEqualTo(3);
    assertThat(sdr.medianFirstTouch()).isEqualTo(Duration.ofMinutes(20));
    assertThat(sdr.p90FirstTouch()).isEqualTo(Duration.ofMinutes(70));
    assertThat(sdr.complianceByStage()).containsExactly(
        Map.entry("response", new TeamDayFigures.StageCompliance(4, 1)),
        Map.entry("qualification", new TeamDayFigures.StageCompliance(1, 1)),
        Map.entry("handoff", new TeamDayFigures.StageCompliance(0, 0)));
    assertThat(sdr.breachesByRep()).containsExactly(Map.entry("sam", 2), Map.entry("sara", 1));
    assertThat(sdr.oldestWaiting()).extracting(TeamDayFigures.WaitingLead::leadId)
        .containsExactly("L-R5", "L-R4", "L-R6");
    assertThat(sdr.pauses()).extracting(TeamDayFigures.Pause::leadId).containsExactly("L-R3");

    TeamDayFigures ae = figures.of("ae", MONDAY, BERLIN, TUESDAY_0700_BERLIN);
    assertThat(ae.leadsIn()).isZero();
    assertThat(ae.complianceByStage().get("handoff")).isEqualTo(new TeamDayFigures.StageCompliance(1, 0));
    assertThat(ae.breachesByRep()).containsExactly(Map.entry("alex", 1));
  }

  @Test
  void theReportMailShowsTheTableInTheManagersTimeZone() {
    setClock(TUESDAY_0700_BERLIN);

    fireReportTimer();

    List<MimeMessage> mails = List.of(greenMail.getReceivedMessages());
    assertThat(mails).hasSize(1);   // maria manages both teams: one mail, a section each
    assertThat(LeadCycleDriver.recipients(mails.get(0))).containsExactly("maria@example.com");
    assertThat(LeadCycleDriver.subject(mails.get(0))).isEqualTo("Lead SLA report for Monday 2 March 2026");
    String text = LeadCycleDriver.body(mails.get(0));
    assertThat(text).contains(EXPECTED_SDR_TABLE).contains("Team ae – Monday 2 March 2026");
    assertThat(LeadCycleDriver.html(mails.get(0))).contains("<td>1 / 4</td>", "<td>Rosa Five</td>");
    assertThat(text).startsWith("Good morning ");
  }

  @Test
  void theGreetingFollowsTheRecipientsTimeOfDay() {
    java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
    assertThat(DailySlaReport.greeting(Instant.parse("2026-03-03T06:00:00Z"), berlin)).isEqualTo("Good morning");
    assertThat(DailySlaReport.greeting(Instant.parse("2026-03-03T14:00:00Z"), berlin)).isEqualTo("Good afternoon");
    assertThat(DailySlaReport.greeting(Instant.parse("2026-03-03T19:30:00Z"), berlin)).isEqualTo("Good evening");
  }

  @Test
  void beforeTheReportTimeNothingIsSentAndEachDayGoesOutOnce() {
    setClock(TUESDAY_0700_BERLIN.minusSeconds(60));
    fireReportTimer();
    assertThat(greenMail.getReceivedMessages()).isEmpty();

    setClock(TUESDAY_0700_BERLIN.plusSeconds(60));
    fireReportTimer();
    setClock(TUESDAY_0700_BERLIN.plus(Duration.ofHours(1)));
    fireReportTimer();

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  /** Fires the start timer the way the job executor would, runs the report jobs it creates, sends their mails. */
  void fireReportTimer() {
    Job timer = engine.getManagementService().createJobQuery().processDefinitionKey("DailySlaReport").timers()
        .singleResult();
    assertThat(timer).isNotNull();
    engine.getManagementService().executeJob(timer.getId());
    for (Job mail : engine.getManagementService().createJobQuery().processDefinitionKey("DailySlaReport").messages()
        .list()) {
      engine.getManagementService().executeJob(mail.getId());
    }
    io.leadsla.sla.LeadCycleDriver.sendMails(engine);
  }

  static void setClock(Instant now) {
    ClockUtil.setCurrentTime(Date.from(now));
  }
}
