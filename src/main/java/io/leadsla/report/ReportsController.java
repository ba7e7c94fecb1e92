package io.leadsla.report;

import io.leadsla.LeadSlaProperties;
import io.leadsla.security.SalesGroups;
import io.leadsla.sla.SlaStage;
import io.leadsla.team.TeamDirectory;
import io.leadsla.team.Teams;
import io.leadsla.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/reports}: the SLA metrics as JSON (the cycles that started in a period, and the operations of the
 * period) and CSV. Only sales managers and executives get here (their Camunda webapp session or HTTP Basic, see
 * RestApiAuthentication). Filters: {@code from} and {@code to} (days, inclusive, in the report zone; without them
 * the last 30 days up to today), and optionally {@code team}, {@code rep}, {@code source}, {@code cycle}.
 */
@RestController
@Tag(name = "Reports", description = "SLA metrics for sales managers and executives (their Camunda login)")
@SecurityRequirement(name = "camundaLogin")
class ReportsController {

  private static final String FROM = "First day (YYYY-MM-DD, report zone), inclusive; default: 29 days before to";
  private static final String TO = "Last day (YYYY-MM-DD, report zone), inclusive; default: today";
  private static final String TEAM = "Only this team (a Camunda group, e.g. sdr)";
  private static final String CYCLE = "Only this cycle number: 1 for new leads, 2 or more for returning ones";

  private final CycleMetrics metrics;
  private final CycleReport cycleReport;
  private final LeadLists lists;
  private final Teams teams;
  private final TeamDirectory directory;
  private final LeadSlaProperties.Report settings;

  ReportsController(CycleMetrics metrics, CycleReport cycleReport, LeadLists lists, Teams teams,
      TeamDirectory directory, LeadSlaProperties properties) {
    this.metrics = metrics;
    this.cycleReport = cycleReport;
    this.lists = lists;
    this.teams = teams;
    this.directory = directory;
    this.settings = properties.report();
  }

  @GetMapping(path = "/api/reports/summary", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The lead cycles that started in the period",
      description = "Cycle metrics (definitions in the README), the trend per day, cadence compliance, capacity")
  CycleReport.Summary summary(@ParameterObject CycleQuery query) {
    return cycleReport.of(query.filter(settings), ClockUtil.getCurrentTime().toInstant());
  }

  @GetMapping(path = "/api/reports/operations", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "What happened in the period, whenever the cycles started, and the leads open now",
      description = "Breaches per stage, level and rep; reassignments, pauses, re-engagement, top reasons; the "
          + "leads on a clock now per stage and age")
  CycleMetrics.Operations operations(@ParameterObject OperationsQuery query) {
    return metrics.operations(query.filter(settings), ClockUtil.getCurrentTime().toInstant());
  }

  /** The managers' dashboard: charts of the summary above, for the period and team chosen on the page. */
  @GetMapping(path = "/api/reports/dashboard", produces = MediaType.TEXT_HTML_VALUE)
  @Operation(summary = "The managers' dashboard (HTML)")
  ResponseEntity<String> dashboard() throws IOException {
    try (InputStream page = getClass().getResourceAsStream("/reports/dashboard.html")) {
      return ResponseEntity.ok()
          .header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; "
              + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'")
          .body(new String(page.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @GetMapping(path = "/api/reports/cycles.csv", produces = "text/csv")
  @Operation(summary = "One CSV row per lead cycle that started in the period")
  ResponseEntity<String> cycles(@ParameterObject CycleQuery query) {
    StringBuilder csv = new StringBuilder("lead_id,cycle,source,team,rep,started_at,first_attempt,first_contact,"
        + "attempts_to_contact,qualified_at,ended_at,disposition\n");
    metrics.eachCycleInStartOrder(query.filter(settings), f -> csv.append(Csv.row(f.leadId(),
        f.cycle(), f.source(), f.team(), f.rep(), f.startedAt(), f.firstAttempt(), f.firstContact(),
        f.firstContact() == null ? null : f.attemptsToContact(), f.qualifiedAt(), f.endedAt(), f.disposition())));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"lead-cycles.csv\"")
        .contentType(new MediaType("text", "csv"))
        .body(csv.toString());
  }

  @GetMapping(path = "/api/reports/leads", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The leads behind a chart: waiting on a clock now, waiting in one place now, or missed "
      + "their SLA in the period",
      description = "A row per lead (name, company, stage or place, owner by name, waiting since, deadline), at most "
          + "500")
  LeadLists.Rows leads(@ParameterObject LeadListQuery query) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    String stage = blankAsNone(query.stage());
    String team = blankAsNone(query.team());
    List<String> stages = Arrays.stream(SlaStage.values()).map(SlaStage::key).toList();
    if (stage != null && !stages.contains(stage)) {
      throw new IllegalArgumentException("stage '" + stage + "' is not one of " + String.join(", ", stages));
    }
    String place = blankAsNone(query.place());
    return switch (query.list() == null ? "" : query.list()) {
      case "open" -> lists.open(team, stage, now);
      case "waiting" -> {
        if (place == null || !WaitingPlaces.PLACES.contains(place)) {
          throw new IllegalArgumentException("place must be one of " + String.join(", ", WaitingPlaces.PLACES)
              + (place == null ? "" : ", not '" + place + "'"));
        }
        yield lists.waiting(team, place, now);
      }
      case "missed" -> lists.missed(ReportPeriod.filter(query.from(), query.to(), settings, team, null, null, null),
          stage, blankAsNone(query.rep()), Boolean.TRUE.equals(query.escalated()), now);
      default -> throw new IllegalArgumentException("list must be open (waiting on a clock now), waiting (in one "
          + "place now) or missed (missed its SLA in the period), not '" + query.list() + "'");
    };
  }

  @GetMapping(path = "/api/reports/cycles", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The lead cycles behind a chart of the summary: those that started in the period (or on "
      + "one day of it), of one response-time bucket, only those decided",
      description = "A row per cycle (name, company, status, first owner by name, started, response deadline, "
          + "time to the first touch), in start order, at most 500")
  LeadLists.CycleRows cycleList(@ParameterObject CycleQuery query,
      @Parameter(description = "Only cycles that started on this day (YYYY-MM-DD, report zone) instead of from-to")
      @RequestParam(required = false) String day,
      @Parameter(description = "Only cycles of this response-time bucket: < 5 min, 5-60 min, 1-24 h, > 24 h or "
          + "no touch") @RequestParam(required = false) String bucket,
      @Parameter(description = "Only cycles qualified or ended (as the qualification rate counts them)")
      @RequestParam(required = false) Boolean decided) {
    String chosen = blankAsNone(bucket);
    if (chosen != null && !CycleMetrics.BUCKET_LABELS.contains(chosen)) {
      throw new IllegalArgumentException("bucket must be one of " + String.join(", ", CycleMetrics.BUCKET_LABELS)
          + ", not '" + chosen + "'");
    }
    String oneDay = blankAsNone(day);
    if (oneDay != null && !oneDay.matches("\\d{4}-\\d{2}-\\d{2}")) {
      throw new IllegalArgumentException("day '" + oneDay + "' is not a date: YYYY-MM-DD, e.g. 2026-03-02");
    }
    CycleQuery period = oneDay == null ? query : new CycleQuery(oneDay, oneDay, query.team(), query.rep(),
        query.source(), query.cycle());
    return lists.cycles(period.filter(settings), chosen, Boolean.TRUE.equals(decided));
  }

  @GetMapping(path = "/api/reports/people", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The teams to pick from and the reps' names, for the dashboard")
  People people() {
    List<String> teamIds = teams.ids(List.of(SalesGroups.SDR, SalesGroups.AE));
    Map<String, String> names = new TreeMap<>();
    teamIds.forEach(team -> directory.membersOf(team)
        .forEach(member -> names.put(member, directory.fullNameOf(member).orElse(member))));
    return new People(teamIds, names);
  }

  /** Who the reports are about: the teams (Camunda groups) and each member's name by user id. */
  record People(List<String> teams, Map<String, String> names) {}

  /** The query of a list of leads. */
  record LeadListQuery(@Parameter(description = "open: waiting on a clock now; waiting: waiting in one place now "
      + "(place); missed: missed their SLA in the period", required = true) String list,
      @Parameter(description = "waiting only: response, qualification, handoff, team queue, pause, cadence, "
          + "between steps or nurture") String place,
      @Parameter(description = "Only this stage: response, qualification or handoff") String stage,
      @Parameter(description = TEAM) String team,
      @Parameter(description = "missed only: only this clock owner ((team queue) for none)") String rep,
      @Parameter(description = FROM + " (missed only)") String from,
      @Parameter(description = TO + " (missed only)") String to,
      @Parameter(description = "missed only: only those the executives were told of") Boolean escalated) {}

  /** An empty filter field means no filter, as in the other reports. */
  private static String blankAsNone(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** The query of the reports on the cycles that started in the period. */
  record CycleQuery(@Parameter(description = FROM) String from, @Parameter(description = TO) String to,
      @Parameter(description = TEAM) String team,
      @Parameter(description = "Only cycles this rep owned first") String rep,
      @Parameter(description = "Only leads of this source, e.g. demo_request") String source,
      @Parameter(description = CYCLE) Integer cycle) {

    ReportFilter filter(LeadSlaProperties.Report settings) {
      return ReportPeriod.filter(from, to, settings, team, rep, source, cycle);
    }
  }

  /** The query of the operations report. */
  record OperationsQuery(@Parameter(description = FROM) String from, @Parameter(description = TO) String to,
      @Parameter(description = TEAM) String team,
      @Parameter(description = "Only this rep: the clock's owner, the rep a lead was taken from, the pausing rep, "
          + "the first owner of ended cycles") String rep,
      @Parameter(description = CYCLE) Integer cycle) {

    ReportFilter filter(LeadSlaProperties.Report settings) {
      return ReportPeriod.filter(from, to, settings, team, rep, null, cycle);
    }
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ProblemDetail badRequest(IllegalArgumentException e) {
    return Problems.of(400, e.getMessage());
  }
}
