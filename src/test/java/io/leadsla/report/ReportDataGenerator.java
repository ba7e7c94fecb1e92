package io.leadsla.report;

import io.leadsla.security.SalesGroups;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Fills a fresh database with a year of history (default 1,000,000 lead cycles) and 100,000 open ones, then times
 * every report query. Deterministic (fixed seed). Run it against PostgreSQL and H2:
 * <pre>
 * MAVEN_OPTS=-Xmx6g mvn -q test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.leadsla.report.ReportDataGenerator -Dgen.db=postgres   # or -Dgen.db=h2
 * </pre>
 * Options: {@code -Dgen.cycles}, {@code -Dgen.open}, {@code -Dgen.timeOnly=true} (time the reports on the data of
 * an earlier run). See README, "Benchmarks".
 */
public final class ReportDataGenerator {

  static final String[] SOURCES = {"demo_request", "contact_sales", "pricing_page", "trial_signup", "webinar",
      "content_download", "newsletter", "event_list", "referral"};
  static final String[] TEAMS = {"sdr", "sdr-us"};
  static final String[] DISPOSITIONS = {"qualified", "nurture", "nurture", "unqualified", "nurture"};
  static final Map<String, String[]> REASONS = Map.of(
      "qualified", new String[] {"Budget and timeline confirmed", "Champion identified", "Active evaluation"},
      "nurture", new String[] {"Not now, ask again next quarter", "No budget this year", "Cadence ended without a live conversation"},
      "unqualified", new String[] {"Student", "Competitor", "No fit: company too small"});
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final ZoneId ZONE = ZoneId.of("UTC");

  public static void main(String[] args) throws Exception {
    String db = System.getProperty("gen.db", "postgres");
    int history = Integer.getInteger("gen.cycles", 1_000_000);
    int open = Integer.getInteger("gen.open", 100_000);
    // H2 would answer a repeated query from its last result while the tables do not change, which a live
    // system's tables always do: time it without that
    String url = db.equals("h2") ? "jdbc:h2:file:./target/report-data/leadsla;CACHE_SIZE=262144;OPTIMIZE_REUSE_RESULTS=FALSE"
        : "jdbc:postgresql://127.0.0.1:5432/leadsla_reports?reWriteBatchedInserts=true";
    String user = db.equals("h2") ? "sa" : "postgres";
    if (Boolean.getBoolean("gen.timeOnly")) {   // time the reports on the data of an earlier run
      time(db, url, user);
      return;
    }
    freshDatabase(db);
    Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").load().migrate();
    try (Connection connection = DriverManager.getConnection(url, user, "")) {
      connection.setAutoCommit(false);
      long started = System.nanoTime();
      new ReportDataGenerator(connection).generate(history, open);
      System.out.printf("generated %,d historical and %,d open lead cycles in %.0f s%n", history, open,
          (System.nanoTime() - started) / 1e9);
      if (db.equals("postgres")) {
        try (Statement analyze = connection.createStatement()) {
          connection.setAutoCommit(true);
          analyze.execute("ANALYZE");
        }
      }
    }
    time(db, url, user);
  }

  private final Connection connection;
  private final Random random = new Random(20261120L);

  ReportDataGenerator(Connection connection) {
    this.connection = connection;
  }

  void generate(int history, int open) throws Exception {
    try (PreparedStatement lead = connection.prepareStatement("INSERT INTO lead (id, email, name, source, score, "
            + "consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)");
        PreparedStatement cycle = connection.prepareStatement("INSERT INTO lead_cycle (lead_id, cycle, "
            + "process_instance_id, source, started_at, ended_at, disposition, owner, team, first_owner, "
            + "response_deadline, first_attempt_at, first_contact_at, attempts_to_contact, qualified_at, "
            + "reason, next_cycle_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement clock = connection.prepareStatement("INSERT INTO sla_clock (lead_id, cycle, stage, "
            + "clock_round, owner, owner_group, started_at, deadline, ended_at, running, paused, escalated_at) "
            + "VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement touch = connection.prepareStatement("INSERT INTO lead_touch (lead_id, cycle, "
            + "process_instance_id, stage, touched_at, touched_by, channel, outcome) VALUES (?, ?, 'gen', ?, ?, ?, "
            + "'phone', ?)");
        PreparedStatement cadence = connection.prepareStatement("INSERT INTO lead_cadence (lead_id, cycle, "
            + "started_at, planned_touches, planned_days, team, touches, ended_at) VALUES (?, ?, ?, 6, 10, ?, ?, ?)");
        PreparedStatement reassignment = connection.prepareStatement("INSERT INTO lead_assignment (lead_id, cycle, "
            + "stage, team, from_owner, to_owner, reason, assigned_at) VALUES (?, ?, 'response', ?, ?, ?, "
            + "'Response SLA missed', ?)");
        PreparedStatement pause = connection.prepareStatement("INSERT INTO sla_pause (lead_id, cycle, stage, owner, "
            + "owner_group, paused_at, resumes_at, reason) VALUES (?, ?, 'qualification', ?, ?, ?, ?, "
            + "'The lead asked to wait')")) {
      List<PreparedStatement> batches = List.of(lead, cycle, clock, touch, cadence, reassignment, pause);
      int total = history + open;
      long[] starts = startTimes(history, open);
      for (int i = 0; i < total; i++) {
        boolean isOpen = i >= history;
        String id = "G-" + i;
        int cycleNo = random.nextInt(10) == 0 ? 2 : 1;
        String source = SOURCES[random.nextInt(SOURCES.length)];
        String team = TEAMS[random.nextInt(TEAMS.length)];
        String rep = team.replace("-", "") + "rep" + random.nextInt(10);
        Instant start = Instant.ofEpochSecond(starts[i]);
        Duration sla = source.equals("demo_request") || source.equals("referral") ? Duration.ofMinutes(5)
            : Duration.ofHours(1);
        // first attempt: minutes for most, hours or days for some, never for 12%
        Instant firstTouch = random.nextInt(100) < 88 ? start.plusSeconds(pickDelay()) : null;
        if (isOpen && firstTouch != null && firstTouch.isAfter(NOW)) {
          firstTouch = null;
        }
        String disposition = isOpen ? null : DISPOSITIONS[random.nextInt(DISPOSITIONS.length)];
        Instant ended = isOpen ? null : start.plus(Duration.ofHours(2 + random.nextInt(24 * 20)));

        lead.setString(1, id);
        lead.setString(2, id.toLowerCase() + "@example.org");
        lead.setString(3, "Generated " + i);
        lead.setString(4, source);
        lead.setInt(5, random.nextInt(101));
        lead.setTimestamp(6, ts(start));
        lead.setTimestamp(7, ts(start));
        lead.addBatch();
        Instant deadline = start.plus(sla);
        boolean missed = (firstTouch == null || firstTouch.isAfter(deadline)) && !deadline.isAfter(NOW);
        if (missed && random.nextBoolean()) {   // half the missed first responses are taken from the rep
          reassignment.setString(1, id);
          reassignment.setInt(2, cycleNo);
          reassignment.setString(3, team);
          reassignment.setString(4, rep);
          reassignment.setString(5, team.replace("-", "") + "rep" + random.nextInt(10));
          reassignment.setTimestamp(6, ts(deadline.plus(sla)));
          reassignment.addBatch();
        }
        Instant escalatedAt = deadline.plus(sla.multipliedBy(3));   // executives told, if still untouched
        boolean escalated = missed && (firstTouch == null || firstTouch.isAfter(escalatedAt)) && !escalatedAt.isAfter(NOW);
        addClock(clock, id, cycleNo, "response", rep, team, start, deadline, firstTouch != null ? firstTouch : ended,
            false, escalated ? escalatedAt : null);
        Instant firstContact = null;
        int attemptsToContact = 0;
        Instant qualifiedAt = null;
        if (firstTouch != null) {
          int attempts = 1 + random.nextInt(4);
          Instant at = firstTouch;
          boolean lastConnects = random.nextInt(10) < 7;
          int made = 0;
          for (int a = 0; a < attempts; a++) {
            made++;
            boolean last = a == attempts - 1;
            String outcome = last && lastConnects ? "connected" : "no_answer";
            addTouch(touch, id, cycleNo, at, rep, outcome);
            if (outcome.equals("connected")) {
              firstContact = at;
              attemptsToContact = a + 1;
            }
            at = at.plus(Duration.ofHours(4 + random.nextInt(44)));
            if (isOpen && at.isAfter(NOW)) {
              break;
            }
          }
          if (attempts > 1 || !lastConnects) {   // the first touch was no conversation: a cadence until one
            cadence.setString(1, id);
            cadence.setInt(2, cycleNo);
            cadence.setTimestamp(3, ts(firstTouch));
            cadence.setString(4, team);
            cadence.setInt(5, made);
            cadence.setTimestamp(6, ts(firstContact != null ? firstContact : ended));
            cadence.addBatch();
          }
          Instant qualificationStart = firstTouch;
          if (!isOpen || random.nextBoolean()) {
            Instant qualified = qualificationStart.plus(Duration.ofHours(1 + random.nextInt(72)));
            boolean done = !isOpen || qualified.isBefore(NOW);
            boolean paused = done && random.nextInt(100) < 3;   // the lead asked to wait
            addClock(clock, id, cycleNo, "qualification", rep, team, qualificationStart,
                qualificationStart.plus(Duration.ofDays(3)), done ? qualified : null, paused, null);
            if (paused) {
              pause.setString(1, id);
              pause.setInt(2, cycleNo);
              pause.setString(3, rep);
              pause.setString(4, team);
              pause.setTimestamp(5, ts(qualified));
              pause.setTimestamp(6, ts(qualified.plus(Duration.ofDays(7))));
              pause.addBatch();
            }
            if ("qualified".equals(disposition) || (isOpen && done && random.nextBoolean())) {
              qualifiedAt = qualified;
              addClock(clock, id, cycleNo, "handoff", "ae" + random.nextInt(5), SalesGroups.AE, qualified,
                  qualified.plus(Duration.ofDays(1)), isOpen ? null : qualified.plus(Duration.ofHours(random.nextInt(40))),
                  false, null);
            }
          }
        }
        cycle.setString(1, id);
        cycle.setInt(2, cycleNo);
        cycle.setString(3, "gen");
        cycle.setString(4, source);
        cycle.setTimestamp(5, ts(start));
        cycle.setTimestamp(6, ts(ended));
        cycle.setString(7, disposition);
        cycle.setString(8, rep);
        cycle.setString(9, team);
        cycle.setString(10, rep);
        cycle.setTimestamp(11, ts(start.plus(sla)));
        cycle.setTimestamp(12, ts(firstTouch));
        cycle.setTimestamp(13, ts(firstContact));
        if (firstContact == null) {
          cycle.setNull(14, java.sql.Types.INTEGER);
        } else {
          cycle.setInt(14, attemptsToContact);
        }
        cycle.setTimestamp(15, ts(qualifiedAt));
        cycle.setString(16, disposition == null ? null : REASONS.get(disposition)[random.nextInt(3)]);
        Instant cameBack = "nurture".equals(disposition) && random.nextInt(100) < 15   // re-engaged within 90 days
            ? ended.plus(Duration.ofHours(1 + random.nextInt(24 * 90))) : null;
        cycle.setTimestamp(17, ts(cameBack != null && cameBack.isBefore(NOW) ? cameBack : null));
        cycle.addBatch();
        if ((i + 1) % 5_000 == 0) {
          for (PreparedStatement batch : batches) {
            batch.executeBatch();
          }
          connection.commit();
          if ((i + 1) % 100_000 == 0) {
            System.out.printf("  %,d lead cycles%n", i + 1);
          }
        }
      }
      for (PreparedStatement batch : batches) {
        batch.executeBatch();
      }
      connection.commit();
    }
  }

  /**
   * When the cycles start, in time order as a live system writes them (so a month of cycles sits together on
   * disk): the history over the year before the last 8 days, the open ones in the last 7 days.
   */
  private long[] startTimes(int history, int open) {
    long[] starts = new long[history + open];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = NOW.getEpochSecond() - (i < history ? 86_400L * 8 + random.nextInt(357 * 86_400)
          : random.nextInt(7 * 86_400));
    }
    Arrays.sort(starts, 0, history);
    Arrays.sort(starts, history, starts.length);
    return starts;
  }

  /** Seconds to the first attempt: half within 5 minutes, most within the hour, a tail of hours and days. */
  private long pickDelay() {
    int roll = random.nextInt(100);
    if (roll < 45) {
      return 20 + random.nextInt(280);
    }
    if (roll < 75) {
      return 300 + random.nextInt(3_300);
    }
    if (roll < 93) {
      return 3_600 + random.nextInt(82_800);
    }
    return 86_400 + random.nextInt(4 * 86_400);
  }

  private static void addClock(PreparedStatement clock, String id, int cycle, String stage, String owner, String team,
      Instant start, Instant deadline, Instant ended, boolean paused, Instant escalated) throws Exception {
    clock.setString(1, id);
    clock.setInt(2, cycle);
    clock.setString(3, stage);
    clock.setString(4, owner);
    clock.setString(5, team);
    clock.setTimestamp(6, ts(start));
    clock.setTimestamp(7, ts(deadline));
    clock.setTimestamp(8, ts(ended));
    clock.setBoolean(9, ended == null);
    clock.setBoolean(10, paused);
    clock.setTimestamp(11, ts(escalated));
    clock.addBatch();
  }

  private static void addTouch(PreparedStatement touch, String id, int cycle, Instant at, String rep, String outcome)
      throws Exception {
    touch.setString(1, id);
    touch.setInt(2, cycle);
    touch.setString(3, "response");
    touch.setTimestamp(4, ts(at));
    touch.setString(5, rep);
    touch.setString(6, outcome);
    touch.addBatch();
  }

  /** Times each report as the dashboard and the morning report run it. */
  static void time(String db, String url, String user) {
    HikariDataSource dataSource = new HikariDataSource();   // the application's connection pool
    dataSource.setJdbcUrl(url);
    dataSource.setUsername(user);
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    CycleMetrics metrics = new CycleMetrics(jdbc);
    MorningReportQueries figures = new MorningReportQueries(jdbc);
    LocalDate today = LocalDate.ofInstant(NOW, ZONE);
    ReportFilter month = new ReportFilter(today.minusDays(29), today, ZONE, null, null, null, null);
    ReportFilter monthTeam = new ReportFilter(today.minusDays(29), today, ZONE, "sdr", null, null, null);
    ReportFilter repYear = new ReportFilter(today.minusDays(364), today, ZONE, "sdr", "sdrrep3", null, null);
    CycleReport cycleReport = new CycleReport(metrics, new TeamCapacity(Map.of()));
    System.out.printf("%n== report timings on %s (median / slowest of 10 runs after 10 to warm up, ms)%n", db);
    for (ReportFilter filter : List.of(month, monthTeam)) {
      String scope = filter.team() == null ? "all teams" : "one team";
      measure("dashboard: summary (cycles, trend, cadence, capacity), 30 days, " + scope, () ->
          cycleReport.of(filter, NOW).cycles().leadsIn() + " cycles");
      measure("  of which reading the cycles", () -> count(metrics, filter) + " cycles");
      measure("  of which cadence compliance", () -> metrics.cadence(filter, NOW).onTarget() + " on target");
      measure("dashboard: operations (breaches, reassignments, pauses, open now), 30 days, " + scope, () ->
          metrics.operations(filter, NOW).breachesByStageAndLevel().toString());
    }
    measure("one rep over a year (365 days), summary", () ->
        cycleReport.of(repYear, NOW).cycles().leadsIn() + " cycles");
    measure("morning report figures of one team for one day", () ->
        figures.of("sdr", today.minusDays(1), ZONE, NOW).leadsIn() + " leads in");
    measure("CSV export rows, 30 days, one team", () -> count(metrics, monthTeam) + " rows");
  }

  private static long count(CycleMetrics metrics, ReportFilter filter) {
    long[] cycles = new long[1];
    metrics.eachCycle(filter, cycle -> cycles[0]++);
    return cycles[0];
  }

  /** Runs the report 10 times to warm up (as a running server is), then times 10 runs: median and slowest. */
  static void measure(String name, Supplier<String> report) {
    for (int run = 0; run < 10; run++) {
      report.get();
    }
    List<Long> millis = new ArrayList<>();
    String result = "";
    for (int run = 0; run < 10; run++) {
      long started = System.nanoTime();
      result = report.get();
      millis.add((System.nanoTime() - started) / 1_000_000);
    }
    Collections.sort(millis);
    System.out.printf("  %-88s %6d / %6d   (%s)%n", name, millis.get(4), millis.get(9), result);
  }

  static void freshDatabase(String db) throws Exception {
    if (db.equals("h2")) {
      java.nio.file.Path dir = java.nio.file.Path.of("target", "report-data");
      if (java.nio.file.Files.exists(dir)) {
        try (var files = java.nio.file.Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
      return;
    }
    try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS leadsla_reports");
      statement.execute("CREATE DATABASE leadsla_reports");
    }
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
