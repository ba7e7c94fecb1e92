package io.leadsla.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadsla.lead.CadenceLog;
import io.leadsla.lead.CadencePlan;
import io.leadsla.lead.LeadStore;
import io.leadsla.lead.Touch;
import io.leadsla.lead.TouchLog;
import io.leadsla.sla.SlaClockLog;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every metric against a hand-computed fixture: eight lead cycles of team "fx" on Monday 6 April 2026 (report
 * zone Europe/Berlin), judged at 8 April 00:00 UTC. The expected values are worked out in the comments.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-metrics;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false",
    "leadsla.report.zone=Europe/Berlin",
    "leadsla.teams.fx.role=fx",
    "leadsla.teams.fx.daily-capacity=10"
})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CycleMetricsTest {

  static final String DAY = "2026-04-06T";
  static final Instant NOW = Instant.parse("2026-04-08T00:00:00Z");

  @Autowired JdbcTemplate jdbc;
  @Autowired TestRestTemplate rest;
  @Autowired SlaClockLog clocks;
  @Autowired TouchLog touches;
  @Autowired CadenceLog cadences;
  @Autowired LeadStore leads;
  final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void fixture() {
    ClockUtil.setCurrentTime(java.util.Date.from(NOW));
    //    lead cycle source          rep    start    response ends (= first touch) ended            disposition
    cycle("A", 1, "demo_request", "ann", "08:00", DAY + "08:02:00Z", DAY + "10:00:00Z", "qualified");
    cycle("B", 1, "demo_request", "ann", "08:10", DAY + "08:13:00Z", DAY + "12:00:00Z", "nurture");
    cycle("C", 1, "webinar", "bob", "08:20", DAY + "08:50:00Z", null, null);
    cycle("D", 1, "webinar", "bob", "08:30", DAY + "10:30:00Z", DAY + "13:00:00Z", "unqualified");
    cycle("E", 2, "webinar", "ann", "08:40", null, null, null);
    cycle("F", 1, "referral", "bob", "09:00", DAY + "09:04:00Z", DAY + "11:00:00Z", "qualified");
    cycle("G", 2, "referral", "ann", "09:10", "2026-04-07T09:10:00Z", "2026-04-07T10:00:00Z", "nurture");
    cycle("H", 1, "demo_request", "bob", "21:00", null, null, null);
    touch("A", 1, "08:02", "connected");
    touch("B", 1, "08:13", "no_answer");
    touch("B", 1, "08:40", "connected");
    touch("C", 1, "08:50", "connected");
    touch("D", 1, "10:30", "left_voicemail");
    touch("D", 1, "11:30", "no_answer");
    touch("D", 1, "12:30", "connected");
    touch("F", 1, "09:04", "connected");
    touches.add(new Touch("fx-G", 2, "pi", "response", Instant.parse("2026-04-07T09:10:00Z"), "ann", "phone",
        "connected", null));
    // qualification: A and F in time, C late (bob), B paused (not judged)
    clock("A", 1, "qualification", "ann", DAY + "08:02:00Z", DAY + "18:00:00Z", DAY + "09:00:00Z");
    clock("F", 1, "qualification", "bob", DAY + "09:04:00Z", DAY + "17:00:00Z", DAY + "09:30:00Z");
    clock("C", 1, "qualification", "bob", DAY + "08:50:00Z", DAY + "09:50:00Z", DAY + "10:20:00Z");
    clock("B", 1, "qualification", "ann", DAY + "08:40:00Z", DAY + "12:00:00Z", DAY + "11:00:00Z");
    clocks.paused("fx-B", 1, "qualification", 1, "ann", "fx", Instant.parse(DAY + "11:00:00Z"),
        Instant.parse("2026-04-13T07:00:00Z"), "call next week");
    // hand-offs (qualified): A at 09:00, F at 09:30, C at 10:20 (still open)
    clock("A", 1, "handoff", "amy", DAY + "09:00:00Z", DAY + "17:00:00Z", DAY + "10:00:00Z");
    clock("F", 1, "handoff", "amy", DAY + "09:30:00Z", DAY + "17:00:00Z", DAY + "11:00:00Z");
    clock("C", 1, "handoff", "amy", DAY + "10:20:00Z", "2026-04-07T17:00:00Z", null);
    // H's missed response escalated to the executives, one reassignment of D
    clocks.escalated("fx-H", 1, "response", 1, Instant.parse(DAY + "21:35:00Z"));
    jdbc.update("INSERT INTO lead_assignment (lead_id, cycle, stage, team, from_owner, to_owner, reason, assigned_at) "
        + "VALUES ('fx-D', 1, 'response', 'fx', 'bob', 'ann', 'Expired', ?)", ts(DAY + "09:00:00Z"));
    // the hand-offs of A (ann's), F and C (bob's) to amy name the SDR they leave, and E was claimed from the queue:
    // none of them is a reassignment; the hand-offs are a figure of their own
    for (String[] handoff : new String[][] {{"A", "ann", "09:00"}, {"F", "bob", "09:30"}, {"C", "bob", "10:20"}}) {
      jdbc.update("INSERT INTO lead_assignment (lead_id, cycle, stage, team, from_owner, to_owner, reason, "
          + "assigned_at, kind) VALUES (?, 1, 'handoff', 'fx', ?, 'amy', 'New ae lead for fx', ?, 'first')",
          "fx-" + handoff[0], handoff[1], ts(DAY + handoff[2] + ":00Z"));
    }
    jdbc.update("INSERT INTO lead_assignment (lead_id, cycle, stage, team, from_owner, to_owner, reason, assigned_at, "
        + "kind) VALUES ('fx-E', 2, 'response', 'fx', NULL, 'ann', 'Claimed from the team queue', ?, 'claimed')",
        ts(DAY + "08:45:00Z"));
    // cadences: B (5 touches in 2 days) and D (3 in a day) reach a conversation in time; E (10 in 2 days) has none
    cadence("B", 1, "08:13", 5, 2);
    cadence("D", 1, "10:30", 3, 1);
    cadence("E", 2, "08:50", 10, 2);
    // reasons of the ended cycles; B's lead came back on 10 April as cycle 2
    jdbc.update("UPDATE lead_cycle SET reason = 'No budget this year' WHERE lead_id IN ('fx-B', 'fx-G')");
    jdbc.update("UPDATE lead_cycle SET reason = 'Student' WHERE lead_id = 'fx-D'");
    leads.beginCycle("fx-B", 2, "pi", "webinar", null, Instant.parse("2026-04-10T08:00:00Z"));
    waitingLeads();
  }

  /** Team wx: eight leads, each waiting somewhere now (the end of 7 April), three of them in nurture. */
  void waitingLeads() {
    String[][] cycles = {{"1", "2026-04-07T20:00:00Z", null}, {"2", "2026-04-07T22:00:00Z", null},
        {"3", "2026-04-07T09:00:00Z", null}, {"4", "2026-04-07T08:00:00Z", null},
        {"5", "2026-04-06T09:00:00Z", "2026-04-06T12:00:00Z"}, {"6", "2026-04-07T23:00:00Z", null}};
    for (String[] cycle : cycles) {
      String id = "wx-" + cycle[0];
      jdbc.update("INSERT INTO lead (id, email, name, source, score, consent, created_at, updated_at) "
          + "VALUES (?, ?, ?, 'webinar', 50, TRUE, ?, ?)", id, id + "@example.org", "Waiting " + cycle[0],
          ts(cycle[1]), ts(cycle[1]));
      jdbc.update("INSERT INTO lead_cycle (lead_id, cycle, process_instance_id, source, started_at, ended_at, "
          + "disposition, owner, team) VALUES (?, 1, 'pi', 'webinar', ?, ?, ?, 'ann', 'wx')", id, ts(cycle[1]),
          cycle[2] == null ? null : ts(cycle[2]), cycle[2] == null ? null : "nurture");
    }
    // 1 on ann's response clock; 2 on a response clock in the team queue
    clocks.started(new SlaClockLog.ClockRun("wx-1", 1, "response", 1, "ann", "wx",
        Instant.parse("2026-04-07T20:00:00Z"), Instant.parse("2026-04-07T20:05:00Z")));
    clocks.started(new SlaClockLog.ClockRun("wx-2", 1, "response", 1, null, "wx",
        Instant.parse("2026-04-07T22:00:00Z"), Instant.parse("2026-04-07T22:05:00Z")));
    // 3 answered in time and is in its cadence since 10:00
    clocks.started(new SlaClockLog.ClockRun("wx-3", 1, "response", 1, "ann", "wx",
        Instant.parse("2026-04-07T09:00:00Z"), Instant.parse("2026-04-07T09:05:00Z")));
    clocks.ended("wx-3", 1, "response", Instant.parse("2026-04-07T09:04:00Z"));
    cadences.started("wx-3", 1, new CadencePlan(Instant.parse("2026-04-07T10:00:00Z"), 15, 21));
    // 4 paused its qualification at 12:00 until 13 April
    clocks.started(new SlaClockLog.ClockRun("wx-4", 1, "qualification", 1, "ann", "wx",
        Instant.parse("2026-04-07T09:00:00Z"), Instant.parse("2026-04-09T09:00:00Z")));
    clocks.paused("wx-4", 1, "qualification", 1, "ann", "wx", Instant.parse("2026-04-07T12:00:00Z"),
        Instant.parse("2026-04-13T07:00:00Z"), "back from holiday on the 13th");
    // 5 went to nurture on 6 April; 6 arrived at 23:00, its start job has not run
    // the boundary second: wx-8's clock ended at its deadline's very second (met), wx-9's one second later (missed,
    // say a manager's reassignment after the deadline); no cycles of theirs, so they wait nowhere
    clocks.started(new SlaClockLog.ClockRun("wx-8", 1, "response", 1, "ann", "wx",
        Instant.parse("2026-04-07T14:00:00Z"), Instant.parse("2026-04-07T14:05:00Z")));
    clocks.ended("wx-8", 1, "response", Instant.parse("2026-04-07T14:05:00Z"));
    clocks.started(new SlaClockLog.ClockRun("wx-9", 1, "response", 1, "ann", "wx",
        Instant.parse("2026-04-07T15:00:00Z"), Instant.parse("2026-04-07T15:05:00Z")));
    clocks.ended("wx-9", 1, "response", Instant.parse("2026-04-07T15:05:01Z"));
    // wx-11: the manager gave the lead to bob at 16:03, two minutes before ann's deadline: her clock ended before
    // it (not a breach), bob's round met its own
    clocks.started(new SlaClockLog.ClockRun("wx-11", 1, "response", 1, "ann", "wx",
        Instant.parse("2026-04-07T16:00:00Z"), Instant.parse("2026-04-07T16:05:00Z")));
    clocks.ended("wx-11", 1, "response", Instant.parse("2026-04-07T16:03:00Z"));
    jdbc.update("INSERT INTO lead_assignment (lead_id, cycle, stage, team, from_owner, to_owner, reason, assigned_at, "
        + "kind) VALUES ('wx-11', 1, 'response', 'wx', 'ann', 'bob', 'Manager: ann is off sick', ?, 'reassigned')",
        ts("2026-04-07T16:03:00Z"));
    clocks.started(new SlaClockLog.ClockRun("wx-11", 1, "response", 2, "bob", "wx",
        Instant.parse("2026-04-07T16:03:00Z"), Instant.parse("2026-04-07T16:08:00Z")));
    clocks.ended("wx-11", 1, "response", Instant.parse("2026-04-07T16:06:00Z"));
    // 7 was qualified by the SDR at 10:00 on 6 April and rejected by the account executive (nurture) on 7 April;
    // 10's hand-off expired into nurture: the AE never decided it
    handedOffIntoNurture("wx-7", "2026-04-07T12:00:00Z", "Rejected by the Account Executive: no budget");
    handedOffIntoNurture("wx-10", "2026-04-07T13:00:00Z", "The hand-off expired");
  }

  /** A lead of team wx that arrived on 6 April at 09:00, was handed off at 10:00 and ended in nurture. */
  void handedOffIntoNurture(String id, String ended, String reason) {
    jdbc.update("INSERT INTO lead (id, email, name, source, score, consent, created_at, updated_at) "
        + "VALUES (?, ?, ?, 'webinar', 50, TRUE, ?, ?)", id, id + "@example.org", "Waiting " + id,
        ts(DAY + "09:00:00Z"), ts(DAY + "09:00:00Z"));
    jdbc.update("INSERT INTO lead_cycle (lead_id, cycle, process_instance_id, source, started_at, ended_at, "
        + "disposition, owner, team, qualified_at, response_deadline, first_attempt_at, reason) VALUES (?, 1, 'pi', "
        + "'webinar', ?, ?, 'nurture', 'ann', 'wx', ?, ?, ?, ?)", id, ts(DAY + "09:00:00Z"), ts(ended),
        ts(DAY + "10:00:00Z"), ts(DAY + "09:05:00Z"), ts(DAY + "09:03:00Z"), reason);
  }

  void cadence(String lead, int cycle, String start, int touches, int days) {
    cadences.started("fx-" + lead, cycle, new CadencePlan(Instant.parse(DAY + start + ":00Z"), touches, days));
  }

  @AfterAll
  void resetClock() {
    ClockUtil.reset();
  }

  void cycle(String lead, int cycle, String source, String rep, String start, String responseEnded, String ended,
      String disposition) {
    String id = "fx-" + lead;
    Instant started = Instant.parse(DAY + start + ":00Z");
    jdbc.update("INSERT INTO lead (id, email, name, source, score, consent, created_at, updated_at) "
        + "VALUES (?, ?, ?, ?, 50, TRUE, ?, ?)", id, id + "@example.org", "Lead " + lead, source, ts(started), ts(started));
    jdbc.update("INSERT INTO lead_cycle (lead_id, cycle, process_instance_id, source, started_at, ended_at, disposition, "
        + "owner) VALUES (?, ?, 'pi', ?, ?, ?, ?, ?)", id, cycle, source, ts(started), ended == null ? null : ts(ended),
        disposition, rep);
    // the rest goes through the application's own writers, which keep the cycle's report columns
    clock(lead, cycle, "response", rep, started.toString(), started.plusSeconds(300).toString(), responseEnded);
  }

  void clock(String lead, int cycle, String stage, String owner, String started, String deadline, String ended) {
    clocks.started(new SlaClockLog.ClockRun("fx-" + lead, cycle, stage, 1, owner, "fx", Instant.parse(started),
        Instant.parse(deadline)));
    if (ended != null) {
      clocks.ended("fx-" + lead, cycle, stage, Instant.parse(ended));
    }
  }

  void touch(String lead, int cycle, String at, String outcome) {
    touches.add(new Touch("fx-" + lead, cycle, "pi", "response", Instant.parse(DAY + at + ":00Z"), "rep", "phone",
        outcome, null));
  }

  static Timestamp ts(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }

  JsonNode operations(String from, String to) throws Exception {
    return operations(from, to, "");
  }

  JsonNode operations(String from, String to, String query) throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/operations?from=" + from + "&to=" + to + "&team=fx" + query, String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  JsonNode report(String user, String query) throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth(user, "demo")
        .getForEntity("/api/reports/summary?from=2026-04-06&to=2026-04-06&team=fx" + query, String.class);
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    return json.readTree(response.getBody());
  }

  @Test
  void theCycleMetricsMatchTheHandComputedValues() throws Exception {
    JsonNode c = report("maria", "").get("cycles");

    assertThat(c.get("leadsIn").asInt()).isEqualTo(8);
    assertThat(c.get("pickedUp").asInt()).isEqualTo(6);                    // all but E and H
    assertThat(c.get("pickUpRate").asDouble()).isEqualTo(0.75);
    assertThat(c.get("firstTouchCompliance").asDouble()).isEqualTo(0.375); // A, B, F of 8
    // first attempts: 2, 3, 4, 30 min, 2 h, 24 h -> median (3rd) 4 min, p90 (6th) 24 h
    assertThat(c.at("/speedToFirstAttempt/medianSeconds").asLong()).isEqualTo(240);
    assertThat(c.at("/speedToFirstAttempt/p90Seconds").asLong()).isEqualTo(86_400);
    // contacts: 2 min, 4 min, 30 min, 30 min, 4 h 30, 24 h -> median 30 min, p90 24 h
    assertThat(c.at("/speedToContact/medianSeconds").asLong()).isEqualTo(1800);
    assertThat(c.at("/speedToContact/p90Seconds").asLong()).isEqualTo(86_400);
    // attempts: 1, 2, 1, 3, 1, 1 -> median 1, p90 3
    assertThat(c.at("/attemptsToContact/median").asInt()).isEqualTo(1);
    assertThat(c.at("/attemptsToContact/p90").asInt()).isEqualTo(3);
    // qualified after 1 h (A), 2 h (C), 30 min (F)
    assertThat(c.at("/speedToQualify/medianSeconds").asLong()).isEqualTo(3600);
    assertThat(c.at("/speedToQualify/p90Seconds").asLong()).isEqualTo(7200);
    for (String source : new String[] {"demo_request", "referral", "webinar"}) {
      assertThat(c.at("/qualificationRateBySource/" + source + "/rate").asDouble()).as(source).isEqualTo(0.5);
    }
    // qualified by the SDR: A, C, F of the six decided (A, B, C, D, F, G; E and H are open and not handed off)
    assertThat(c.at("/qualifiedBySdr/decided").asInt()).isEqualTo(6);
    assertThat(c.at("/qualifiedBySdr/qualified").asInt()).isEqualTo(3);
    assertThat(c.at("/qualifiedBySdr/rate").asDouble()).isEqualTo(0.5);
    // the "5 minutes or 2 hours" test: A, B, F answered in under 5 minutes, A and F qualified
    assertThat(c.at("/conversionByResponseBucket/< 5 min/decided").asInt()).isEqualTo(3);
    assertThat(c.at("/conversionByResponseBucket/< 5 min/rate").asDouble()).isEqualTo(0.6667);
    assertThat(c.at("/conversionByResponseBucket/5-60 min/rate").asDouble()).isEqualTo(1.0);
    assertThat(c.at("/conversionByResponseBucket/1-24 h/rate").asDouble()).isEqualTo(0.0);
    assertThat(c.at("/conversionByResponseBucket/> 24 h/rate").asDouble()).isEqualTo(0.0);
    assertThat(c.at("/conversionByResponseBucket/no touch/decided").asInt()).isZero();
    assertThat(json.convertValue(c.get("dispositions"), Map.class))
        .containsExactly(Map.entry("nurture", 2), Map.entry("qualified", 2), Map.entry("unqualified", 1));
    // qualified by the SDR: A, C, F; accepted by the account executive: A and F of the two decided (C is open)
    assertThat(c.at("/acceptedByAccountExecutive/decided").asInt()).isEqualTo(2);
    assertThat(c.at("/acceptedByAccountExecutive/accepted").asInt()).isEqualTo(2);
    assertThat(c.at("/acceptedByAccountExecutive/rate").asDouble()).isEqualTo(1.0);
    assertThat(c.at("/acceptedByAccountExecutiveBySource/demo_request/accepted").asInt()).isEqualTo(1);   // A
    assertThat(c.at("/acceptedByAccountExecutiveBySource/referral/accepted").asInt()).isEqualTo(1);       // F
    assertThat(c.at("/acceptedByAccountExecutiveBySource/webinar").isMissingNode()).as("C is open").isTrue();
    // hand-off to the AE's acceptance: A 09:00 -> 10:00, F 09:30 -> 11:00 -> median (1st of 2) 1 h, p90 1.5 h
    assertThat(c.at("/speedToAcceptance/medianSeconds").asLong()).isEqualTo(3600);
    assertThat(c.at("/speedToAcceptance/p90Seconds").asLong()).isEqualTo(5400);
    JsonNode wx = json.readTree(rest.withBasicAuth("maria", "demo").getForEntity(
        "/api/reports/summary?from=2026-04-06&to=2026-04-07&team=wx", String.class).getBody()).get("cycles");
    assertThat(wx.at("/acceptedByAccountExecutive/decided").asInt()).as("7, rejected by the AE; not 10, expired")
        .isEqualTo(1);
    assertThat(wx.at("/acceptedByAccountExecutive/rate").asDouble()).isEqualTo(0.0);
    assertThat(json.convertValue(c.get("leadsPerCycleNumber"), Map.class))
        .containsExactly(Map.entry("1", 6), Map.entry("2", 2));
    assertThat(c.at("/firstCycleVersusLater/cycle1/pickUpRate").asDouble()).isEqualTo(0.8333);
    assertThat(c.at("/firstCycleVersusLater/cycle1/speedToFirstAttempt/medianSeconds").asLong()).isEqualTo(240);
    assertThat(c.at("/firstCycleVersusLater/later/pickUpRate").asDouble()).isEqualTo(0.5);
    assertThat(c.at("/firstCycleVersusLater/later/speedToFirstAttempt/medianSeconds").asLong()).isEqualTo(86_400);
  }

  /**
   * Issue 15's "done when": the figures of the summary and the operations report, recomputed from nothing but the
   * leads' timelines (the API a rep and a manager read) with the README's definitions, to the second.
   */
  @Test
  void theReportsFiguresAreRecomputedFromTheLeadsTimelines() throws Exception {
    JsonNode summary = report("maria", "");
    java.time.ZoneId zone = java.time.ZoneId.of(summary.at("/filter/zone").asText());
    java.time.LocalDate day = java.time.LocalDate.parse("2026-04-06");
    TimelineRecount recount = new TimelineRecount(day.atStartOfDay(zone).toInstant(),
        day.plusDays(1).atStartOfDay(zone).toInstant(), NOW);
    for (String lead : new String[] {"A", "B", "C", "D", "E", "F", "G", "H"}) {
      ResponseEntity<String> timeline = rest.withBasicAuth("maria", "demo")
          .getForEntity("/api/leads/fx-" + lead + "/timeline", String.class);
      assertThat(timeline.getStatusCode().value()).isEqualTo(200);
      recount.add(json.readTree(timeline.getBody()));
    }
    JsonNode c = summary.get("cycles");
    assertThat(c.get("leadsIn").asLong()).isEqualTo(recount.leadsIn);
    assertThat(c.get("pickedUp").asLong()).isEqualTo(recount.pickedUp);
    assertThat(c.get("pickUpRate").asDouble()).isEqualTo(TimelineRecount.rate(recount.pickedUp, recount.leadsIn));
    assertThat(c.get("firstTouchCompliance").asDouble())
        .isEqualTo(TimelineRecount.rate(recount.inTime, recount.judged));
    for (int percent : new int[] {50, 90}) {
      String which = percent == 50 ? "median" : "p90";
      assertThat(c.at("/speedToFirstAttempt/" + which + "Seconds").asLong()).as("first attempt " + which)
          .isEqualTo(TimelineRecount.percentile(recount.toFirstAttempt, percent));
      assertThat(c.at("/speedToContact/" + which + "Seconds").asLong()).as("contact " + which)
          .isEqualTo(TimelineRecount.percentile(recount.toContact, percent));
      assertThat(c.at("/attemptsToContact/" + which).asLong()).as("attempts " + which)
          .isEqualTo(TimelineRecount.percentile(recount.attemptsToContact, percent));
      assertThat(c.at("/speedToQualify/" + which + "Seconds").asLong()).as("qualify " + which)
          .isEqualTo(TimelineRecount.percentile(recount.toQualify, percent));
    }
    assertThat(counts(c.get("dispositions"))).isEqualTo(recount.dispositions);
    assertThat(c.at("/qualifiedBySdr/decided").asLong()).isEqualTo(recount.decided);
    assertThat(c.at("/qualifiedBySdr/qualified").asLong()).isEqualTo(recount.qualified);

    JsonNode o = operations("2026-04-06", "2026-04-06");
    recount.missedByStage.forEach((stage, missed) -> assertThat(
        o.at("/breachesByStageAndLevel/" + stage + "/manager").asLong()).as(stage).isEqualTo(missed));
    assertThat(o.get("breachesByStageAndLevel").size()).isEqualTo(recount.missedByStage.size());
    recount.missedByStage.keySet().forEach(stage -> assertThat(
        o.at("/breachesByStageAndLevel/" + stage + "/executives").asLong()).as(stage)
        .isEqualTo(recount.escalatedByStage.getOrDefault(stage, 0L)));
    assertThat(counts(o.get("reassignmentsByReason"))).isEqualTo(recount.reassignmentsByReason);
    assertThat(o.get("handoffsToAccountExecutives").asLong()).isEqualTo(recount.handoffs);
    assertThat(counts(o.get("pausesByStage"))).isEqualTo(recount.pausesByStage);
    // the export's rows: the same moments, to the second
    String[] export = rest.withBasicAuth("maria", "demo").getForEntity(
        "/api/reports/cycles.csv?from=2026-04-06&to=2026-04-06&team=fx", String.class).getBody().split("\n");
    Map<String, String> exported = new java.util.TreeMap<>();
    for (String row : java.util.Arrays.copyOfRange(export, 1, export.length)) {
      String[] cells = row.split(",", -1);   // lead_id,cycle,source,team,rep,started_at,...,disposition
      exported.put(cells[0] + "," + cells[1], String.join(",", java.util.Arrays.copyOfRange(cells, 5, 12)));
    }
    assertThat(exported).isEqualTo(recount.exportRows);
    // and the recount is not empty: it saw what the fixture wrote
    assertThat(recount.leadsIn).isEqualTo(8);
    assertThat(recount.missedByStage).containsEntry("response", 5L);
  }

  /** A JSON object of counts as a map. */
  Map<String, Long> counts(JsonNode counts) {
    return new java.util.TreeMap<>(json.convertValue(counts,
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() {}));
  }

  @Test
  void theOperationsMetricsMatchTheHandComputedValues() throws Exception {
    JsonNode o = operations("2026-04-06", "2026-04-06");

    // response clocks missed: C, D, G (late), E, H (never touched); qualification: C; B's pause is not judged
    assertThat(o.at("/breachesByStageAndLevel/response/manager").asInt()).isEqualTo(5);
    assertThat(o.at("/breachesByStageAndLevel/response/executives").asInt()).isEqualTo(1);
    assertThat(o.at("/breachesByStageAndLevel/qualification/manager").asInt()).isEqualTo(1);
    assertThat(o.at("/breachesByStageAndLevel/qualification/executives").asInt()).isZero();
    assertThat(json.convertValue(o.get("breachesByRep"), Map.class))
        .containsExactly(Map.entry("ann", 2), Map.entry("bob", 4));
    assertThat(json.convertValue(o.get("reassignmentsByReason"), Map.class)).containsExactly(Map.entry("Expired", 1));
    assertThat(o.get("handoffsToAccountExecutives").asInt()).isEqualTo(3);
    assertThat(json.convertValue(o.get("pausesByStage"), Map.class)).containsExactly(Map.entry("qualification", 1));
    // open now: E and H waiting for a response (39 h 20 and 27 h), C with the account executive (37 h 40)
    assertThat(o.at("/openByStage/response/open").asInt()).isEqualTo(2);
    assertThat(o.at("/openByStage/response/oldestSeconds").asLong()).isEqualTo(141_600);
    assertThat(o.at("/openByStage/response/byAge/1-7 d").asInt()).isEqualTo(2);
    assertThat(o.at("/openByStage/handoff/open").asInt()).isEqualTo(1);
    assertThat(o.at("/openByStage/handoff/oldestSeconds").asLong()).isEqualTo(135_600);
  }

  /** A clock that ends at its deadline's second met it; one second later it missed it. */
  @Test
  void theDeadlinesOwnSecondCountsAsInTime() throws Exception {
    JsonNode o = json.readTree(rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/operations?from=2026-04-06&to=2026-04-07&team=wx", String.class).getBody());
    // missed response clocks of wx with a deadline in the period: 1 (still running past it) and 9 (ended a second
    // late); not 3 (ended before), not 8 (ended at the deadline's second), not 11 (the manager reassigned it before
    // the deadline; the new owner met the new one), and not 2, whose deadline (22:05 UTC) is already 8 April in
    // the report's zone (Europe/Berlin)
    assertThat(o.at("/breachesByStageAndLevel/response/manager").asInt()).isEqualTo(2);
    assertThat(counts(o.get("reassignmentsByReason"))).containsExactly(Map.entry("Manager: ann is off sick", 1L));
  }

  /** Every lead that is not ended is in exactly one place, with its age and next deadline there. */
  @Test
  void everyLeadNotEndedWaitsInExactlyOnePlace() throws Exception {
    ResponseEntity<String> response = rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/operations?from=2026-04-06&to=2026-04-07&team=wx", String.class);
    JsonNode waiting = json.readTree(response.getBody()).get("waitingNow");
    java.util.Map<String, String> got = new java.util.LinkedHashMap<>();
    waiting.fields().forEachRemaining(place -> got.put(place.getKey(), place.getValue().get("leads").asInt() + " "
        + place.getValue().get("oldestSeconds").asLong() + " " + place.getValue().get("nextDeadline").asText()));
    assertThat(got).containsExactly(
        Map.entry("response", "1 14400 2026-04-07T20:05:00Z"),        // 4 h on ann's clock, overdue
        Map.entry("qualification", "0 0 null"),
        Map.entry("handoff", "0 0 null"),
        Map.entry("team queue", "1 7200 2026-04-07T22:05:00Z"),
        Map.entry("pause", "1 43200 2026-04-13T07:00:00Z"),           // until the follow-up date
        Map.entry("cadence", "1 50400 null"),
        Map.entry("between steps", "1 3600 null"),
        Map.entry("nurture", "3 129600 null"));
    int total = 0;
    for (JsonNode place : waiting) {
      total += place.get("leads").asInt();
    }
    assertThat(total).as("each of the eight leads once").isEqualTo(8);

    // the dashboard's list of each place holds the leads it counts, and all eight together once each
    java.util.Set<String> listed = new java.util.HashSet<>();
    for (String place : WaitingPlaces.PLACES) {
      JsonNode leads = json.readTree(rest.withBasicAuth("maria", "demo").getForEntity(
          "/api/reports/leads?list=waiting&team=wx&place={place}", String.class, place).getBody()).get("leads");
      assertThat(leads.size()).as(place).isEqualTo(waiting.get(place).get("leads").asInt());
      leads.forEach(lead -> assertThat(listed.add(lead.get("leadId").asText())).as("listed once").isTrue());
    }
    assertThat(listed).hasSize(8);
    ResponseEntity<String> wrong = rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/leads?list=waiting&place=lunch", String.class);
    assertThat(wrong.getStatusCode().value()).isEqualTo(400);
    assertThat(wrong.getBody()).contains("place must be one of response");
  }

  @Test
  void theOperationsNarrowToARepAndACycle() throws Exception {
    JsonNode bob = operations("2026-04-06", "2026-04-06", "&rep=bob");
    // bob's missed response clocks: C, D, H (escalated); qualification: C
    assertThat(bob.at("/breachesByStageAndLevel/response/manager").asInt()).isEqualTo(3);
    assertThat(bob.at("/breachesByStageAndLevel/response/executives").asInt()).isEqualTo(1);
    assertThat(bob.at("/breachesByStageAndLevel/qualification/manager").asInt()).isEqualTo(1);
    assertThat(json.convertValue(bob.get("breachesByRep"), Map.class)).containsExactly(Map.entry("bob", 4));
    assertThat(json.convertValue(bob.get("reassignmentsByReason"), Map.class)).as("his hand-offs are not")
        .containsExactly(Map.entry("Expired", 1));
    assertThat(bob.get("handoffsToAccountExecutives").asInt()).isEqualTo(2);   // F and C
    assertThat(bob.get("pausesByStage").isEmpty()).isTrue();   // B's pause is ann's
    assertThat(bob.at("/openByStage/response/open").asInt()).isEqualTo(1);   // H; C is with amy now
    assertThat(bob.at("/openByStage/handoff").isMissingNode()).isTrue();
    assertThat(bob.at("/topReasons/0/reason").asText()).isEqualTo("Student");   // D

    JsonNode ann = operations("2026-04-06", "2026-04-06", "&rep=ann");
    assertThat(json.convertValue(ann.get("pausesByStage"), Map.class)).containsExactly(Map.entry("qualification", 1));
    assertThat(ann.get("reassignmentsByReason").isEmpty()).as("A's hand-off and E's claim are not reassignments")
        .isTrue();
    assertThat(ann.get("handoffsToAccountExecutives").asInt()).isEqualTo(1);

    JsonNode laterCycles = operations("2026-04-06", "2026-04-06", "&cycle=2");
    assertThat(laterCycles.at("/breachesByStageAndLevel/response/manager").asInt()).isEqualTo(2);   // E and G
    assertThat(json.convertValue(laterCycles.get("breachesByRep"), Map.class)).containsExactly(Map.entry("ann", 2));
  }

  @Test
  void cadenceComplianceAndCapacity() throws Exception {
    JsonNode report = report("maria", "");

    // E: 39 h 10 min into a plan of 10 touches 320 min apart, 8 expected, none made
    assertThat(report.at("/cadence/onTarget").asInt()).isEqualTo(2);
    assertThat(report.at("/cadence/behind").asInt()).isEqualTo(1);
    assertThat(report.at("/cadence/complianceRate").asDouble()).isEqualTo(0.6667);
    JsonNode capacity = report.get("capacity").get(0);
    assertThat(capacity.get("team").asText()).isEqualTo("fx");
    assertThat(capacity.get("day").asText()).isEqualTo("2026-04-06");
    assertThat(capacity.get("leadsIn").asInt()).isEqualTo(8);
    assertThat(capacity.get("capacity").asInt()).isEqualTo(10);
    assertThat(capacity.get("load").asDouble()).isEqualTo(0.8);
  }

  @Test
  void reengagementAndTheReasonsOfEndedCycles() throws Exception {
    JsonNode monday = operations("2026-04-06", "2026-04-06");
    assertThat(monday.at("/reengagement/nurtured").asInt()).isEqualTo(1);   // B ended in nurture on the 6th
    assertThat(monday.at("/reengagement/cameBack").asInt()).isEqualTo(1);
    JsonNode twoDays = operations("2026-04-06", "2026-04-07");
    assertThat(twoDays.at("/reengagement/nurtured").asInt()).isEqualTo(2);  // and G on the 7th, not back
    assertThat(twoDays.at("/reengagement/rate").asDouble()).isEqualTo(0.5);
    assertThat(twoDays.get("topReasons").toString()).isEqualTo(
        "[{\"disposition\":\"nurture\",\"reason\":\"No budget this year\",\"cycles\":2},"
            + "{\"disposition\":\"unqualified\",\"reason\":\"Student\",\"cycles\":1}]");
  }

  @Test
  void filtersNarrowTheCycles() throws Exception {
    JsonNode bob = report("maria", "&rep=bob");
    assertThat(bob.at("/cycles/leadsIn").asInt()).isEqualTo(4);   // C, D, F, H
    assertThat(bob.at("/cadence/onTarget").asInt()).isEqualTo(1);   // D's cadence only
    assertThat(bob.at("/cadence/behind").asInt()).isZero();
    assertThat(report("maria", "&cycle=2").at("/cadence/behind").asInt()).isEqualTo(1);   // E
    assertThat(report("maria", "&source=webinar").at("/cycles/leadsIn").asInt()).isEqualTo(3);
    assertThat(report("eve", "&cycle=2").at("/cycles/leadsIn").asInt()).isEqualTo(2);
    assertThat(rest.withBasicAuth("maria", "demo").getForObject(
        "/api/reports/summary?from=2026-04-07&to=2026-04-07&team=fx", JsonNode.class).at("/cycles/leadsIn").asInt())
        .isZero();
  }

  @Test
  void onlyManagersAndExecutivesGetReportsAndBadRequestsAreExplained() {
    String path = "/api/reports/summary?from=2026-04-06&to=2026-04-06";
    for (String report : new String[] {path, "/api/reports/operations?from=2026-04-06&to=2026-04-06",
        "/api/reports/cycles.csv?from=2026-04-06&to=2026-04-06"}) {
      ResponseEntity<String> refused = rest.withBasicAuth("sam", "demo").getForEntity(report, String.class);
      assertThat(refused.getStatusCode().value()).as(report).isEqualTo(403);
      assertThat(refused.getBody()).as(report).contains("Reports are for sales managers and executives");
      assertThat(rest.withBasicAuth("eve", "demo").getForEntity(report, String.class).getStatusCode().value())
          .as(report).isEqualTo(200);
    }
    assertThat(rest.withBasicAuth("maria", "demo").getForEntity(
        "/api/reports/operations?from=2026-04-06&to=tomorrow", String.class).getStatusCode().value()).isEqualTo(400);
    assertThat(rest.withBasicAuth("mark", "demo").getForEntity(path, String.class).getStatusCode().value()).isEqualTo(403);
    assertThat(rest.getForEntity(path, String.class).getStatusCode().value()).isEqualTo(401);
    assertThat(rest.withBasicAuth("maria", "demo").getForEntity(path, String.class).getStatusCode().value()).isEqualTo(200);
    ResponseEntity<String> backwards = rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/summary?from=2026-04-07&to=2026-04-06", String.class);
    assertThat(backwards.getStatusCode().value()).isEqualTo(400);
    assertThat(backwards.getBody()).contains("from <= to");
    assertThat(rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/summary?from=yesterday&to=2026-04-06", String.class).getStatusCode().value())
        .isEqualTo(400);
    assertThat(rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/summary?from=2020-01-01&to=2026-04-06", String.class).getBody())
        .contains("at most 366 days");
  }

  @Test
  void everyRefusalOfTheReportsApiIsAProblemSayingWhatIsWrong() throws Exception {
    String path = "/api/reports/summary?from=2026-04-06&to=2026-04-06";
    ResponseEntity<String> anonymous = rest.getForEntity(path, String.class);
    ResponseEntity<String> rep = rest.withBasicAuth("sam", "demo").getForEntity(path, String.class);
    ResponseEntity<String> backwards = rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/summary?from=2026-04-07&to=2026-04-06", String.class);
    ResponseEntity<String> notADate = rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/operations?from=2026-04-06&to=next-monday", String.class);

    assertProblem(anonymous, 401, "Log in to Camunda");
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    assertProblem(rep, 403, "Reports are for sales managers and executives");
    assertProblem(backwards, 400, "from <= to");
    assertProblem(notADate, 400, "to 'next-monday' is not a date");
    assertProblem(rest.withBasicAuth("maria", "demo").getForEntity("/api/reports/summary?cycle=second", String.class),
        400, "cycle 'second' is not valid");
  }

  @Test
  void aReportWithoutItsPeriodCoversTheLast30DaysUpToToday() throws Exception {
    // the clock stands at 8 April 2026 00:00 UTC, 02:00 in Berlin
    JsonNode lastMonth = json.readTree(rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/summary?team=fx", String.class).getBody());
    assertThat(lastMonth.at("/filter/from").asText()).isEqualTo("2026-03-10");
    assertThat(lastMonth.at("/filter/to").asText()).isEqualTo("2026-04-08");
    assertThat(lastMonth.at("/cycles/leadsIn").asLong()).isEqualTo(report("maria", "").at("/cycles/leadsIn").asLong());
    JsonNode upToMonday = json.readTree(rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/operations?to=2026-04-06&team=fx", String.class).getBody());
    assertThat(upToMonday.at("/filter/from").asText()).isEqualTo("2026-03-08");
    assertThat(upToMonday.at("/filter/to").asText()).isEqualTo("2026-04-06");
  }

  @Test
  void theReportsApiIsDescribedWithItsParameters() throws Exception {
    JsonNode api = json.readTree(rest.getForEntity("/api/openapi", String.class).getBody());
    for (String report : new String[] {"/api/reports/summary", "/api/reports/operations", "/api/reports/cycles.csv"}) {
      JsonNode get = api.at("/paths/" + report.replace("/", "~1") + "/get");
      assertThat(get.isMissingNode()).as(report).isFalse();
      assertThat(get.at("/security/0/camundaLogin").isArray()).as("%s needs a Camunda login", report).isTrue();
      java.util.List<String> parameters = new java.util.ArrayList<>();
      get.get("parameters").forEach(parameter -> {
        parameters.add(parameter.get("name").asText());
        assertThat(parameter.get("description").asText()).as("%s %s", report, parameter.get("name")).isNotBlank();
        assertThat(parameter.get("required").asBoolean()).isFalse();
      });
      assertThat(parameters).as(report).contains("from", "to", "team", "rep", "cycle");
    }
    assertThat(api.at("/paths/~1api~1reports~1summary/get/responses/200/content/application~1json/schema/$ref")
        .asText()).as("a typed body").endsWith("Summary");
  }

  private static void assertProblem(ResponseEntity<String> response, int status, String detail) throws Exception {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    JsonNode problem = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.getBody());
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asText()).isNotBlank();
    assertThat(problem.get("detail").asText()).contains(detail);
  }

  @Test
  void theCyclesExportIsCsv() {
    ResponseEntity<String> csv = rest.withBasicAuth("maria", "demo")
        .getForEntity("/api/reports/cycles.csv?from=2026-04-06&to=2026-04-06&team=fx&rep=ann", String.class);

    assertThat(csv.getStatusCode().value()).isEqualTo(200);
    assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
    assertThat(csv.getBody().split("\n")).containsExactly(
        "lead_id,cycle,source,team,rep,started_at,first_attempt,first_contact,attempts_to_contact,qualified_at,"
            + "ended_at,disposition",
        "fx-A,1,demo_request,fx,ann,2026-04-06T08:00:00Z,2026-04-06T08:02:00Z,2026-04-06T08:02:00Z,1,"
            + "2026-04-06T09:00:00Z,2026-04-06T10:00:00Z,qualified",
        "fx-B,1,demo_request,fx,ann,2026-04-06T08:10:00Z,2026-04-06T08:13:00Z,2026-04-06T08:40:00Z,2,,"
            + "2026-04-06T12:00:00Z,nurture",
        "fx-E,2,webinar,fx,ann,2026-04-06T08:40:00Z,,,,,,",
        "fx-G,2,referral,fx,ann,2026-04-06T09:10:00Z,2026-04-07T09:10:00Z,2026-04-07T09:10:00Z,1,,"
            + "2026-04-07T10:00:00Z,nurture");
  }
}
