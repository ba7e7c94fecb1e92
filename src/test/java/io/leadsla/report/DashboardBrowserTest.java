package io.leadsla.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leadsla.lead.Touch;
import io.leadsla.lead.TouchLog;
import io.leadsla.sla.SlaClockLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The managers' dashboard in a real browser (Debian's headless Chromium): it loads with and without data, draws
 * its charts, and reports no script error. The page counts errors in {@code data-errors} and says what it showed
 * in {@code data-state}. Skipped where no Chromium is installed; .ci/run installs it and insists this test ran.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "spring.datasource.url=jdbc:h2:mem:leadsla-dashboard;DB_CLOSE_DELAY=-1",
    "camunda.bpm.job-execution.enabled=false"
})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

  static final Path CHROMIUM = Path.of(System.getProperty("leadsla.chromium", "/usr/bin/chromium"));

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired SlaClockLog clocks;
  @Autowired TouchLog touches;
  @Autowired io.leadsla.team.TeamDirectory names;

  String dashboard() {
    return "http://maria:demo@127.0.0.1:" + port + "/api/reports/dashboard";
  }

  /**
   * The page's DOM after its scripts ran (up to 15 s of virtual time). The page must not write to the browser's
   * console: Chromium logs every console message (errors, failed requests, uncaught rejections) to its stderr.
   */
  String dom(String url) throws Exception {
    Path log = Files.createTempFile("chromium", ".log");
    String dom = run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", url), log);
    assertThat(Files.readAllLines(log)).as("console messages of the page").noneMatch(line -> line.contains(":CONSOLE"));
    return dom;
  }

  String run(List<String> arguments, Path log) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM);
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
        "--user-data-dir=" + Files.createTempDirectory("chromium"), "--virtual-time-budget=15000"));
    command.addAll(arguments);
    Process chromium = new ProcessBuilder(command).redirectError(log.toFile()).start();
    String out = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(chromium.waitFor(90, TimeUnit.SECONDS)).as("Chromium finished").isTrue();
    return out;
  }

  @Test
  @Order(1)
  void withoutDataTheDashboardShowsItsEmptyState() throws Exception {
    String page = dom(dashboard());

    assertThat(page).contains("data-errors=\"0\"").contains("data-state=\"empty\"")
        .contains("No leads in this period.");
    assertThat(page).contains("id=\"leadsIn\">0<")
        .contains("class=\"chart no-data\" id=\"chart-levels\"").contains("No breaches in this period.");
  }

  @Test
  @Order(2)
  void withDataTheChartsAreDrawnWithoutErrors() throws Exception {
    Instant start = Instant.now().minus(Duration.ofHours(30));
    for (int i = 0; i < 6; i++) {
      String id = "dash-" + i;
      Instant started = start.plus(Duration.ofMinutes(37L * i));
      jdbc.update("INSERT INTO lead (id, email, name, source, score, consent, created_at, updated_at) "
          + "VALUES (?, ?, ?, 'webinar', 50, TRUE, ?, ?)", id, id + "@example.org", "Lead " + i, ts(started), ts(started));
      jdbc.update("INSERT INTO lead_cycle (lead_id, cycle, process_instance_id, source, started_at, owner) "
          + "VALUES (?, 1, 'pi', 'webinar', ?, 'sam')", id, ts(started));
      Instant touched = i < 4 ? started.plus(Duration.ofMinutes(3L + 40L * i)) : null;
      clocks.started(new SlaClockLog.ClockRun(id, 1, "response", 1, "sam", "sdr", started,
          started.plus(Duration.ofMinutes(5))));
      if (touched != null) {
        touches.add(new Touch(id, 1, "pi", "response", touched, "sam", "phone", "connected", null));
        clocks.ended(id, 1, "response", touched);
      }
    }

    String page = dom(dashboard());

    assertThat(page).contains("data-errors=\"0\"").contains("data-state=\"ready\"");
    assertThat(page).contains("id=\"leadsIn\">6<").contains("id=\"pickUpRate\">67%<");
    assertThat(page).contains("class=\"chart\" id=\"chart-distribution\"")   // no "no-data": the chart is drawn
        .contains("class=\"chart\" id=\"chart-open\"")
        .contains("class=\"chart\" id=\"chart-levels\"")       // leads 4 and 5 missed their first response
        .contains("class=\"chart\" id=\"chart-breaches\"")
        .contains("class=\"chart\" id=\"chart-waiting\"");   // leads 4 and 5 wait on their response clock
    assertThat(page).contains("id=\"escalated\">0<").contains("id=\"openNow\">2<");

    Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
    Files.deleteIfExists(screenshot);
    run(List.of("--window-size=1400,1800", "--screenshot=" + screenshot, dashboard()),
        Files.createTempFile("chromium", ".log"));
    assertThat(Files.size(screenshot)).as("screenshot of the dashboard").isGreaterThan(20_000);
  }

  /** The leads behind the charts: those waiting on a clock (leads 4 and 5), the same two as missed their SLA. */
  @Test
  @Order(3)
  void theChartsDrillDownToTheLeadsBehindThem() throws Exception {
    String open = dom(dashboard() + "?list=open&stage=response");
    assertThat(open).contains("data-errors=\"0\"").contains("data-drill=\"2\"")
        .contains("Leads waiting on a clock now in response: 2").contains("<td>Lead 4</td>").contains("<td>Lead 5</td>")
        .contains("href=\"/leads/dash-4/task\"");
    assertThat(open).as("reps by name, not id").contains("<td>" + names.fullNameOf("sam").orElseThrow() + "</td>");
    assertThat(open).as("a team picker").contains("<option value=\"sdr\">sdr</option>");
    // a bar of the breaches chart lists as many leads as it counts (leads 1 to 5 were touched late or not at all)
    var rest = new org.springframework.boot.test.web.client.TestRestTemplate().withBasicAuth("maria", "demo");
    String api = "http://127.0.0.1:" + port + "/api/reports/";
    long counted = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rest.getForEntity(api + "operations",
        String.class).getBody()).path("breachesByRep").path("sam").asLong();
    assertThat(counted).isEqualTo(5);
    String missed = dom(dashboard() + "?list=missed&rep=sam");
    assertThat(missed).contains("data-drill=\"" + counted + "\"").contains("Leads that missed their SLA of Sam");
    // the cycles behind a bar of the response-time distribution: leads 2 and 3 were first touched after 83 and
    // 123 minutes; the waiting chart's response bar: leads 4 and 5
    String slow = dom(dashboard() + "?list=cycles&bucket=1-24%20h");
    assertThat(slow).contains("data-errors=\"0\"").contains("data-drill=\"2\"")
        .contains("Leads in, first touch: 1-24 h: 2").contains("<td>Lead 2</td>").contains("<td>Lead 3</td>")
        .contains("<td>1.4 h</td>").contains("<td>2.0 h</td>");
    long bucketCount = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rest.getForEntity(api + "summary",
        String.class).getBody()).at("/cycles/responseTimeDistribution/1-24 h").asLong();
    assertThat(bucketCount).isEqualTo(2);
    assertThat(dom(dashboard() + "?list=waiting&place=response")).contains("data-drill=\"2\"")
        .contains("Leads waiting now: response: 2").contains("<td>Lead 4</td>");
    // each day of the trend lists as many cycles as it counts
    int listedDays = 0;
    for (var day : new com.fasterxml.jackson.databind.ObjectMapper().readTree(rest.getForEntity(api + "summary",
        String.class).getBody()).get("trend")) {
      var cyclesThatDay = new com.fasterxml.jackson.databind.ObjectMapper().readTree(rest.getForEntity(api
          + "cycles?day=" + day.get("day").asText(), String.class).getBody()).get("cycles");
      assertThat(cyclesThatDay.size()).as(day.get("day").asText()).isEqualTo(day.get("leadsIn").asInt());
      listedDays += cyclesThatDay.size() > 0 ? 1 : 0;
    }
    assertThat(listedDays).isGreaterThanOrEqualTo(1);
    for (String bad : List.of("cycles?bucket=soon", "cycles?day=Monday")) {
      var refused = rest.getForEntity(api + bad, String.class);
      assertThat(refused.getStatusCode().value()).as(bad).isEqualTo(400);
    }
    var wrong = rest.getForEntity(api + "leads?list=everything", String.class);
    assertThat(wrong.getStatusCode().value()).isEqualTo(400);
    assertThat(wrong.getBody()).contains("list must be open");
    assertThat(rest.getForEntity(api + "leads?list=open&stage=lunch", String.class).getStatusCode().value())
        .isEqualTo(400);
    assertThat(new org.springframework.boot.test.web.client.TestRestTemplate().withBasicAuth("sam", "demo")
        .getForEntity(api + "leads?list=open", String.class).getStatusCode().value()).isEqualTo(403);
  }

  @Test
  @Order(4)
  void aRepIsRefusedTheDashboard() throws IOException, Exception {
    String page = dom("http://sam:demo@127.0.0.1:" + port + "/api/reports/dashboard");
    assertThat(page).contains("Reports are for sales managers and executives").doesNotContain("<canvas");
  }

  static Timestamp ts(Instant instant) {
    return Timestamp.from(instant);
  }
}
