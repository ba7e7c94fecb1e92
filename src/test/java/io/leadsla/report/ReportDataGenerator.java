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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

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
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final ZoneId ZONE = ZoneId.of("UTC");

  public static void main(String[] args) throws Exception {
    String db = System.getProperty("gen.db", "postgres");
    int history = Integer.getInteger("gen.cycles", 1_000_000);
    int open = Integer.getInteger("gen.open", 100_000);
    String url = db.equals("h2") ? "jdbc:h2:file:./target/report-data/leadsla;CACHE_SIZE=262144"
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
            + "response_deadline, first_attempt_at, first_contact_at, attempts_to_contact, qualified_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement clock = connection.prepareStatement("INSERT INTO sla_clock (lead_id, cycle, stage, "
            + "clock_round, owner, owner_group, started_at, deadline, ended_at, running) "
            + "VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)");
        PreparedStatement touch = connection.prepareStatement("INSERT INTO lead_touch (lead_id, cycle, "
            + "process_instance_id, stage, touched_at, touched_by, channel, outcome) VALUES (?, ?, 'gen', ?, ?, ?, "
            + "'phone', ?)")) {
      int total = history + open;
      for (int i = 0; i < total; i++) {
        boolean isOpen = i >= history;
        String id = "G-" + i;
        int cycleNo = random.nextInt(10) == 0 ? 2 : 1;
        String source = SOURCES[random.nextInt(SOURCES.length)];
        String team = TEAMS[random.nextInt(TEAMS.length)];
        String rep = team.replace("-", "") + "rep" + random.nextInt(10);
        Instant start = isOpen ? NOW.minusSeconds(random.nextInt(7 * 86_400))
            : NOW.minusSeconds(86_400L * 8 + random.nextInt(357 * 86_400));
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
        addClock(clock, id, cycleNo, "response", rep, team, start, start.plus(sla),
            firstTouch != null ? firstTouch : ended);
        Instant firstContact = null;
        int attemptsToContact = 0;
        Instant qualifiedAt = null;
        if (firstTouch != null) {
          int attempts = 1 + random.nextInt(4);
          Instant at = firstTouch;
          for (int a = 0; a < attempts; a++) {
            boolean last = a == attempts - 1;
            String outcome = last && random.nextInt(10) < 7 ? "connected" : "no_answer";
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
          Instant qualificationStart = firstTouch;
          if (!isOpen || random.nextBoolean()) {
            Instant qualified = qualificationStart.plus(Duration.ofHours(1 + random.nextInt(72)));
            boolean done = !isOpen || qualified.isBefore(NOW);
            addClock(clock, id, cycleNo, "qualification", rep, team, qualificationStart,
                qualificationStart.plus(Duration.ofDays(3)), done ? qualified : null);
            if ("qualified".equals(disposition) || (isOpen && done && random.nextBoolean())) {
              qualifiedAt = qualified;
              addClock(clock, id, cycleNo, "handoff", "ae" + random.nextInt(5), SalesGroups.AE, qualified,
                  qualified.plus(Duration.ofDays(1)), isOpen ? null : qualified.plus(Duration.ofHours(random.nextInt(40))));
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
        cycle.addBatch();
        if ((i + 1) % 5_000 == 0) {
          lead.executeBatch();
          cycle.executeBatch();
          clock.executeBatch();
          touch.executeBatch();
          connection.commit();
          if ((i + 1) % 100_000 == 0) {
            System.out.printf("  %,d lead cycles%n", i + 1);
          }
        }
      }
      lead.executeBatch();
      cycle.executeBatch();
      clock.executeBatch();
      touch.executeBatch();
      connection.commit();
    }
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
      Instant start, Instant deadline, Instant ended) throws Exception {
    clock.setString(1, id);
    clock.setInt(2, cycle);
    clock.setString(3, stage);
    clock.setString(4, owner);
    clock.setString(5, team);
    clock.setTimestamp(6, ts(start));
    clock.setTimestamp(7, ts(deadline));
    clock.setTimestamp(8, ts(ended));
    clock.setBoolean(9, ended == null);
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

  /** Times each report as the dashboard and the morning report run it: best and median of five runs. */
  static void time(String db, String url, String user) {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, "");
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    SlaMetrics metrics = new SlaMetrics(jdbc);
    SlaFigures figures = new SlaFigures(jdbc);
    LocalDate today = LocalDate.ofInstant(NOW, ZONE);
    ReportFilter month = new ReportFilter(today.minusDays(29), today, ZONE, null, null, null, null);
    ReportFilter monthTeam = new ReportFilter(today.minusDays(29), today, ZONE, "sdr", null, null, null);
    ReportFilter repYear = new ReportFilter(today.minusDays(364), today, ZONE, "sdr", "sdrrep3", null, null);
    System.out.printf("%n== report timings on %s (best / median of 5, ms)%n", db);
    measure("  of which reading the cycles, 30 days, all teams", () -> metrics.facts(month).size() + " cycles");
    measure("dashboard summary + trend, 30 days, all teams", () -> {
      List<LeadCycleFacts> facts = metrics.facts(month);
      metrics.summary(facts, NOW);
      metrics.trend(month, facts, NOW);
      return facts.size() + " cycles";
    });
    measure("dashboard summary + trend, 30 days, one team", () -> {
      List<LeadCycleFacts> facts = metrics.facts(monthTeam);
      metrics.summary(facts, NOW);
      metrics.trend(monthTeam, facts, NOW);
      return facts.size() + " cycles";
    });
    measure("cadence compliance, 30 days", () -> metrics.cadence(month, NOW).toString());
    measure("operations (breaches, reassignments, pauses, open by stage), 30 days", () -> {
      Map<String, Object> operations = metrics.operations(month, NOW);
      return operations.size() + " sections";
    });
    measure("one rep over a year (365 days), summary", () -> {
      List<LeadCycleFacts> facts = metrics.facts(repYear);
      metrics.summary(facts, NOW);
      return facts.size() + " cycles";
    });
    measure("morning report figures of one team for one day", () ->
        figures.of("sdr", today.minusDays(1), ZONE, NOW).leadsIn() + " leads in");
    measure("CSV export rows, 30 days, one team", () -> metrics.facts(monthTeam).size() + " rows");
  }

  static void measure(String name, Supplier<String> report) {
    List<Long> millis = new ArrayList<>();
    String result = "";
    for (int run = 0; run < 5; run++) {
      long started = System.nanoTime();
      result = report.get();
      millis.add((System.nanoTime() - started) / 1_000_000);
    }
    Collections.sort(millis);
    System.out.printf("  %-70s %6d / %6d   (%s)%n", name, millis.get(0), millis.get(2), result);
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
