package io.leadsla.report;

import io.leadsla.web.Problems;
import org.springframework.http.ProblemDetail;
import io.leadsla.LeadSlaProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/reports}: the SLA metrics as JSON (the cycles that started in a period, and the operations of the
 * period) and CSV. Only sales managers and executives get here (their Camunda webapp session or HTTP Basic, see
 * RestApiAuthentication). Filters: {@code from} and {@code to} (days, inclusive, in the report zone), and optionally
 * {@code team}, {@code rep}, {@code source}, {@code cycle}.
 */
@RestController
class ReportsController {

  private final CycleMetrics metrics;
  private final CycleReport cycleReport;
  private final LeadSlaProperties.Report settings;

  ReportsController(CycleMetrics metrics, CycleReport cycleReport, LeadSlaProperties properties) {
    this.metrics = metrics;
    this.cycleReport = cycleReport;
    this.settings = properties.report();
  }

  @GetMapping(path = "/api/reports/summary", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> summary(@RequestParam String from, @RequestParam String to,
      @RequestParam(required = false) String team, @RequestParam(required = false) String rep,
      @RequestParam(required = false) String source, @RequestParam(required = false) Integer cycle) {
    return ResponseEntity.ok(cycleReport.of(filter(from, to, team, rep, source, cycle),
        ClockUtil.getCurrentTime().toInstant()));
  }

  /**
   * What happened in the period whenever the cycles started (breaches, reassignments, pauses, re-engagement,
   * reasons) and the leads open now. Filters: {@code from}, {@code to}, optionally {@code team}, {@code rep},
   * {@code cycle}.
   */
  @GetMapping(path = "/api/reports/operations", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> operations(@RequestParam String from, @RequestParam String to,
      @RequestParam(required = false) String team, @RequestParam(required = false) String rep,
      @RequestParam(required = false) Integer cycle) {
    ReportFilter filter = filter(from, to, team, rep, null, cycle);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("filter", filter);
    body.putAll(metrics.operations(filter, ClockUtil.getCurrentTime().toInstant()));
    return ResponseEntity.ok(body);
  }

  /** The managers' dashboard: charts of the summary above, for the period and team chosen on the page. */
  @GetMapping(path = "/api/reports/dashboard", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> dashboard() throws IOException {
    try (InputStream page = getClass().getResourceAsStream("/reports/dashboard.html")) {
      return ResponseEntity.ok()
          .header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
              + "style-src 'self' 'unsafe-inline'; img-src 'self' data:")
          .body(new String(page.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @GetMapping(path = "/api/reports/cycles.csv", produces = "text/csv")
  ResponseEntity<String> cycles(@RequestParam String from, @RequestParam String to,
      @RequestParam(required = false) String team, @RequestParam(required = false) String rep,
      @RequestParam(required = false) String source, @RequestParam(required = false) Integer cycle) {
    StringBuilder csv = new StringBuilder("lead_id,cycle,source,team,rep,started_at,first_attempt,first_contact,"
        + "attempts_to_contact,qualified_at,ended_at,disposition\n");
    metrics.eachCycleInStartOrder(filter(from, to, team, rep, source, cycle), f -> csv.append(Csv.row(f.leadId(), f.cycle(),
        f.source(), f.team(), f.rep(), f.startedAt(), f.firstAttempt(), f.firstContact(),
        f.firstContact() == null ? null : f.attemptsToContact(), f.qualifiedAt(), f.endedAt(), f.disposition())));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"lead-cycles.csv\"")
        .contentType(new MediaType("text", "csv"))
        .body(csv.toString());
  }

  private ReportFilter filter(String from, String to, String team, String rep, String source, Integer cycle) {
    try {
      return new ReportFilter(LocalDate.parse(from), LocalDate.parse(to), settings.zone(), blank(team), blank(rep),
          blank(source), cycle);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("from and to are dates (YYYY-MM-DD)");
    }
  }

  private static String blank(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return Problems.of(400, e.getMessage());
  }
}
