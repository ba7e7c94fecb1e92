package io.leadsla.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.LeadSlaApplication;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.SlaStageProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 11's burst benchmark: one node with the shipped settings on a fresh database of the local PostgreSQL
 * server, constant-arrival HTTP load on {@code POST /api/leads}, everything reported from one run:
 * <ol>
 *   <li>capacity: leads accepted per second by 8 HTTP clients back to back, against starts per second of a
 *       minimal start → user task process on the same node (8 threads in process: no HTTP, no authentication);</li>
 *   <li>SQL statements per lead (pg_stat_statements, if the server loads it) over leads submitted one at a time
 *       until their start jobs and mails are done;</li>
 *   <li>{@code -Dburst.rate} (100) leads/s for {@code -Dburst.seconds} (60): statuses, accept latency, health
 *       latency, the backlog each second, how long the backlog takes to drain, and the lateness of 200 SLA
 *       warning timers due during the burst and the minute after it (job log: fired - due);</li>
 *   <li>{@code -Dburst.overloadRate} (300) leads/s for 30 s: statuses and how soon after it a lead is accepted
 *       again.</li>
 * </ol>
 * Autovacuum is off on the development machines: the benchmark runs ANALYZE on its database after setting up and
 * every 10 s under load, as autovacuum would keep statistics fresh. Writes target/burst-benchmark.md.
 */
public final class BurstBenchmark {

  static final String SERVER = System.getProperty("bench.server", "jdbc:postgresql://127.0.0.1:5432/");
  static final String DATABASE = "leadsla_burst";
  static final String KEY = "demo-intake-key";
  static final StringBuilder REPORT = new StringBuilder();
  static final Path ACCESS_LOG = Path.of("target", "burst-access");
  /** Accepted leads whose start job has not run (the job's activity is on its job definition). */
  static final String BACKLOG_SQL = "SELECT COUNT(*) FROM act_ru_job j JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_ "
      + "WHERE d.act_id_ = '" + LeadCycleProcess.TASK_PREPARE_LEAD + "'";

  public static void main(String[] args) throws Exception {
    Files.createDirectories(ACCESS_LOG);
    try (var old = Files.list(ACCESS_LOG)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    double rate = Double.parseDouble(System.getProperty("burst.rate", "100"));
    int seconds = Integer.getInteger("burst.seconds", 60);
    double overloadRate = Double.parseDouble(System.getProperty("burst.overloadRate", "300"));
    int probes = 200;
    freshDatabase();
    GreenMail smtp = new GreenMail(new ServerSetup(3126, null, "smtp"));
    smtp.start();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeadSlaApplication.class).run(
        "--spring.datasource.url=" + SERVER + DATABASE, "--spring.datasource.username=postgres",
        "--spring.datasource.password=", "--spring.mail.port=3126", "--server.port=0",
        "--logging.level.root=WARN", "--logging.level.io.leadsla=WARN",
        // the server's own time per request (from reading it to the answer), beside the client's: see overload()
        "--server.tomcat.accesslog.enabled=true", "--server.tomcat.accesslog.buffered=false",
        "--server.tomcat.accesslog.directory=" + ACCESS_LOG.toAbsolutePath(),
        "--server.tomcat.accesslog.prefix=access", "--server.tomcat.accesslog.suffix=.log",
        "--server.tomcat.accesslog.rotate=false", "--server.tomcat.accesslog.pattern=%s %D %q")) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      URI leads = URI.create("http://localhost:" + port + "/api/leads");
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();
      RuntimeService runtime = app.getBean(RuntimeService.class);
      ManagementService management = app.getBean(ManagementService.class);
      app.getBean(RepositoryService.class).createDeployment().addModelInstance("BenchMinimal.bpmn",
          Bpmn.createExecutableProcess("BenchMinimal").camundaHistoryTimeToLive(1).startEvent().userTask("Task_Work")
              .endEvent().done()).deploy();
      line("# Burst benchmark, %s, one node, %s", Instant.now(), Runtime.getRuntime().availableProcessors() + " cores");

      for (int i = 0; i < 300; i++) {
        send(http, leads, body("warm", i, i % 10 == 0 ? "demo_request" : "webinar"));
      }
      drain(management, "warm-up");
      analyze();
      if (Boolean.getBoolean("burst.capacityOnly")) {
        capacity(app, http, leads, port, runtime);
        Files.writeString(Path.of("target", "burst-capacity.md"), REPORT);
        return;
      }

      if (!System.getProperty("burst.overloadOnly", "").isEmpty()) {
        // only the overload, at each of these rates (e.g. -Dburst.overloadOnly=300,600), a minute apart
        for (String each : System.getProperty("burst.overloadOnly").split(",")) {
          overload(http, leads, Double.parseDouble(each.trim()));
          drain(management, "overload");
          analyze();
        }
        Files.writeString(Path.of("target", "burst-overload.md"), REPORT);
        return;
      }

      sqlPerLead(http, leads, management, smtp);
      if (Boolean.getBoolean("burst.sqlOnly")) {
        Files.writeString(Path.of("target", "burst-sql.md"), REPORT);
        return;
      }

      // SLA warning timers of leads being worked, due one after another through the burst and the minute after
      List<String> probeInstances = new ArrayList<>();
      for (int i = 0; i < probes; i++) {
        probeInstances.add(instanceId(send(http, leads, body("probe", i, "demo_request"))));
      }
      drain(management, "probe leads");
      // a probe's warning timer is a job of the response stage its lead cycle runs
      probeInstances.replaceAll(cycle -> runtime.createProcessInstanceQuery().superProcessInstanceId(cycle)
          .singleResult().getId());
      String warning = SlaStageProcess.WARNING_TIMER;
      Instant burstStart = Instant.now().plusSeconds(5);
      long window = (seconds + 60) * 1000L;
      Map<String, Instant> probeDue = new HashMap<>();
      for (int i = 0; i < probeInstances.size(); i++) {
        Job timer = management.createJobQuery().processInstanceId(probeInstances.get(i)).activityId(warning)
            .singleResult();
        Instant due = burstStart.plusMillis(window * i / probeInstances.size());
        management.setJobDuedate(timer.getId(), Date.from(due));
        probeDue.put(probeInstances.get(i), due);
      }
      TimeUnit.SECONDS.sleep(5);

      line("%n## %.0f leads/s for %d s%n", rate, seconds);
      Sampler sampler = Sampler.start(http, port);
      List<ConstantRateLoad.Sent> burst = ConstantRateLoad.run(http, List.of(leads), rate, seconds,
          i -> body("burst", i, i % 10 == 0 ? "demo_request" : "webinar"), headers());
      Instant burstEnd = Instant.now();
      drain(management, "burst");
      sampler.stop();
      report(burst, rate, seconds);
      line("| backlog drained after the burst ended | %.1f s |", Duration.between(burstEnd, Instant.now()).toMillis()
          / 1000.0);
      line("| backlog, highest | %d |", sampler.maxBacklog.get());
      line("| health (liveness / readiness) during the burst, slowest | %d ms / %d ms |", sampler.maxLiveness.get(),
          sampler.maxReadiness.get());
      line("| health answers that failed or took over 1 s | %d |", sampler.slowHealth.get());
      TimeUnit.SECONDS.sleep(Math.max(0, Duration.between(Instant.now(), burstStart.plusMillis(window + 3000))
          .toSeconds()));
      List<Long> during = new ArrayList<>();
      List<Long> after = new ArrayList<>();
      Map<String, Instant> fired = warningsFired(probeDue.keySet());
      probeDue.forEach((instance, due) -> {
        if (fired.containsKey(instance)) {
          (due.isBefore(burstEnd) ? during : after).add(Duration.between(due, fired.get(instance)).toMillis());
        }
      });
      line("| SLA warning timers of leads being worked, due during and after the burst, that fired | %d of %d |",
          fired.size(), probeDue.size());
      line("| their lateness during the burst (n=%d) | p50 %d ms, p99 %d ms, max %d ms |", during.size(),
          ConstantRateLoad.percentile(during, 0.5), ConstantRateLoad.percentile(during, 0.99),
          ConstantRateLoad.percentile(during, 1.0));
      line("| their lateness in the minute after the burst (n=%d) | p50 %d ms, p99 %d ms, max %d ms |", after.size(),
          ConstantRateLoad.percentile(after, 0.5), ConstantRateLoad.percentile(after, 0.99),
          ConstantRateLoad.percentile(after, 1.0));
      line("%nBacklog (accepted leads waiting for their start job), every second from the burst's start: %s",
          sampler.backlog);
      analyze();

      overload(http, leads, overloadRate);

      capacity(app, http, leads, port, runtime);
      Files.writeString(Path.of("target", "burst-benchmark.md"), REPORT);
      System.out.println("\nwritten to target/burst-benchmark.md");
    } finally {
      smtp.stop();
    }
  }

  /**
   * The server's own time for this phase's requests (Tomcat's access log, %D: from reading the request to the
   * answer, in microseconds), beside the latency the load generator saw: on one machine of two cores the generator
   * competes with the node for the CPU, so its figure also holds the time a request waited before the node read it.
   */
  static void serverTimes(String phase) throws Exception {
    Map<Integer, List<Long>> micros = new HashMap<>();
    try (var files = Files.list(ACCESS_LOG)) {
      for (Path file : files.toList()) {
        for (String entry : Files.readAllLines(file)) {
          String[] fields = entry.split(" ");
          if (fields.length == 3 && fields[2].equals("?" + phase)) {
            micros.computeIfAbsent(Integer.parseInt(fields[0]), status -> new ArrayList<>())
                .add(Long.parseLong(fields[1]));
          }
        }
      }
    }
    for (int status : new int[] {201, 503}) {
      List<Long> times = micros.getOrDefault(status, List.of());
      line("| the server's own time, %d (n=%d, Tomcat access log) | p50 %.1f ms, p99 %.1f ms, max %.1f ms |", status,
          times.size(), ConstantRateLoad.percentile(times, 0.5) / 1000.0,
          ConstantRateLoad.percentile(times, 0.99) / 1000.0, ConstantRateLoad.percentile(times, 1.0) / 1000.0);
    }
  }

  /** 30 s beyond what the node takes: how it sheds, and how soon after it takes a lead again. */
  static void overload(HttpClient http, URI leads, double rate) throws Exception {
    line("%n## %.0f leads/s for 30 s (overload)%n", rate);
    String phase = "phase=over" + System.nanoTime();
    List<ConstantRateLoad.Sent> overload = ConstantRateLoad.run(http, List.of(URI.create(leads + "?" + phase)),
        rate, 30, i -> body("over", i, "webinar"), headers());
    Instant overloadEnd = Instant.now();
    report(overload, rate, 30);
    serverTimes(phase);
    long recovered = -1;
    for (int i = 0; i < 100 && recovered < 0; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> probe = post(http, leads, body("after", i, "webinar"));
      if (probe.statusCode() == 201 && (System.nanoTime() - t0) < 1_000_000_000L) {
        recovered = Duration.between(overloadEnd, Instant.now()).toMillis();
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    line("| first lead accepted in under 1 s after the overload ended | %d ms after |", recovered);
    // not waited for: at the measured drain rate the overload's backlog takes many minutes
    line("| backlog when the overload ended | %d leads |", backlog());
  }

  /**
   * How fast a node takes leads in, with the job executor stopped so that neither side shares the machine with
   * background jobs (the minimal process has none): leads over HTTP and in process, against the minimal process
   * started over the engine's REST API and in process.
   */
  static void capacity(ConfigurableApplicationContext app, HttpClient http, URI leads, int port,
      RuntimeService runtime) throws Exception {

    org.camunda.bpm.engine.impl.jobexecutor.JobExecutor jobExecutor =
        app.getBean(org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl.class).getJobExecutor();
    jobExecutor.shutdown();
    URI minimalRest = URI.create("http://localhost:" + port + "/engine-rest/process-definition/key/BenchMinimal/start");
    double minimalHttp = closedLoop(8, 5, () -> post(http, minimalRest, "{}", Map.of("Content-Type",
        "application/json", "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            "admin:demo".getBytes()))).statusCode() == 200);
    double acceptedHttp = closedLoop(8, 5, () -> post(http, leads, body("cap", 0, "webinar"), headers())
        .statusCode() == 201);
    double minimal = closedLoop(8, 5, () -> runtime.startProcessInstanceByKey("BenchMinimal") != null);
    io.leadsla.intake.LeadIntakeService intake = app.getBean(io.leadsla.intake.LeadIntakeService.class);
    double accepted = closedLoop(8, 5, () -> intake.submit(new io.leadsla.lead.LeadFields("Bench", "in"
        + System.nanoTime() + "@example.org", null, null, null, "webinar", null, 10, false, null), "api") != null);
    line("%n## Capacity (8 callers back to back, 5 s each, job executor stopped)%n");
    line("| what | over HTTP | in process |%n|---|---|---|");
    line("| minimal start -> user task process, starts/s | %.0f (engine REST, Basic auth) | %.0f |", minimalHttp,
        minimal);
    line("| leads accepted/s | %.0f (POST /api/leads) | %.0f (LeadIntakeService) |", acceptedHttp, accepted);
    line("| ratio | %.2f | %.2f |", acceptedHttp / minimalHttp, accepted / minimal);
  }

  static void report(List<ConstantRateLoad.Sent> sent, double rate, int seconds) {
    Map<Integer, Long> statuses = ConstantRateLoad.statuses(sent);
    long accepted = statuses.getOrDefault(201, 0L);
    line("| what | measured |%n|---|---|");
    line("| offered | %d (%.0f/s for %d s) |", sent.size(), rate, seconds);
    line("| statuses (0 = no answer in 30 s) | %s |", statuses);
    line("| accepted | %.1f %% |", 100.0 * accepted / sent.size());
    line("| accept latency from the scheduled send (201) | p50 %d ms, p99 %d ms, max %d ms |",
        ConstantRateLoad.percentile(sent, 201, 0.5), ConstantRateLoad.percentile(sent, 201, 0.99),
        ConstantRateLoad.percentile(sent, 201, 1.0));
    line("| shed latency (503) | p50 %d ms, p99 %d ms, max %d ms |", ConstantRateLoad.percentile(sent, 503, 0.5),
        ConstantRateLoad.percentile(sent, 503, 0.99), ConstantRateLoad.percentile(sent, 503, 1.0));
  }

  /** Successful calls per second of {@code callers} threads calling back to back for {@code seconds}. */
  static double closedLoop(int callers, int seconds, java.util.concurrent.Callable<Boolean> call) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(callers);
    AtomicLong succeeded = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    for (int c = 0; c < callers; c++) {
      threads.submit(() -> {
        while (System.nanoTime() < end) {
          if (call.call()) {
            succeeded.incrementAndGet();
          }
        }
        return null;
      });
    }
    threads.shutdown();
    threads.awaitTermination(seconds + 120, TimeUnit.SECONDS);
    return succeeded.get() / (double) seconds;
  }

  /** When each of these response stages' warning fired: the start of the boundary event's activity. */
  static Map<String, Instant> warningsFired(java.util.Collection<String> processInstances) throws Exception {
    return warningsFired(DATABASE, processInstances);
  }

  static Map<String, Instant> warningsFired(String database, java.util.Collection<String> processInstances)
      throws Exception {
    Map<String, Instant> fired = new HashMap<>();
    try (Connection db = DriverManager.getConnection(SERVER + database, "postgres", "");
        Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery("SELECT proc_inst_id_, MIN(start_time_) FROM act_hi_actinst "
            + "WHERE act_id_ = '" + SlaStageProcess.WARNING_TIMER + "' GROUP BY proc_inst_id_")) {
      while (rs.next()) {
        if (processInstances.contains(rs.getString(1))) {
          fired.put(rs.getString(1), rs.getTimestamp(2).toInstant());
        }
      }
    }
    return fired;
  }

  static String instanceId(String answer) {
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"processInstanceId\":\"([^\"]+)\"").matcher(answer);
    if (!id.find()) {
      throw new IllegalStateException("no processInstanceId in " + answer);
    }
    return id.group(1);
  }

  static void sqlPerLead(HttpClient http, URI leads, ManagementService management, GreenMail smtp) throws Exception {
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement()) {
      try {
        statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        statement.executeQuery("SELECT pg_stat_statements_reset()").close();
      } catch (java.sql.SQLException e) {
        line("%nSQL per lead: not measured, pg_stat_statements is not loaded (shared_preload_libraries): %s",
            e.getMessage().lines().findFirst().orElse(""));
        return;
      }
      int count = 100;
      int mailsBefore = smtp.getReceivedMessages().length;
      for (int i = 0; i < count; i++) {
        send(http, leads, body("sql", i, "demo_request"));
      }
      drain(management, "SQL leads");
      try (ResultSet rs = statement.executeQuery("SELECT SUM(calls), SUM(calls) FILTER (WHERE query ILIKE 'insert%'), "
          + "SUM(calls) FILTER (WHERE query ILIKE 'update%') FROM pg_stat_statements s JOIN pg_database d "
          + "ON d.oid = s.dbid WHERE d.datname = '" + DATABASE + "'")) {
        rs.next();
        line("%n## SQL per lead (%d demo requests one at a time, until their start jobs and %d mails were done; "
            + "includes the job executor's polling meanwhile)%n", count, smtp.getReceivedMessages().length - mailsBefore);
        line("| statements | INSERT | UPDATE |%n|---|---|---|");
        line("| %.0f | %.0f | %.0f |", rs.getLong(1) / (double) count, rs.getLong(2) / (double) count,
            rs.getLong(3) / (double) count);
      }
      // whose they are: the engine's (ACT_*), the application's, or transaction control
      try (ResultSet rs = statement.executeQuery("SELECT SUM(calls) FILTER (WHERE query ~* '(from|into|update)\\s+act_'), "
          + "SUM(calls) FILTER (WHERE query ~* '^\\s*(begin|commit|rollback|set|show)'), SUM(calls) "
          + "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + DATABASE + "'")) {
        rs.next();
        double engine = rs.getLong(1) / (double) count;
        double control = rs.getLong(2) / (double) count;
        line("%n| the engine's tables (ACT_*) | the application's tables | transaction control |%n|---|---|---|");
        line("| %.1f | %.1f | %.1f |", engine, rs.getLong(3) / (double) count - engine - control, control);
      }
      // where they go: per lead, by the table a statement names first (engine and application tables alike)
      line("%n| per lead | table | statement kind |%n|---|---|---|");
      try (ResultSet rs = statement.executeQuery("SELECT lower(split_part(query, ' ', 1)) AS kind, "
          + "lower(substring(query from '(?i)(?:from|into|update)\\s+([a-z_]+)')) AS tab, SUM(calls) AS n "
          + "FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '" + DATABASE + "' "
          + "GROUP BY 1, 2 ORDER BY n DESC LIMIT 60")) {
        while (rs.next()) {
          line("| %.1f | %s | %s |", rs.getLong("n") / (double) count, rs.getString("tab"), rs.getString("kind"));
        }
      }
    }
  }

  static long backlog() throws Exception {
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(BACKLOG_SQL)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Waits until no lead waits for its start job, no other async job is left and every mail is sent. */
  static long drain(ManagementService management, String what) throws Exception {
    long started = System.nanoTime();
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement()) {
      while (true) {
        try (ResultSet rs = statement.executeQuery("SELECT (SELECT COUNT(*) FROM act_ru_job WHERE type_ = 'message' "
            + "AND retries_ > 0) + (SELECT COUNT(*) FROM notification WHERE status IN ('PENDING', 'SENDING'))")) {
          rs.next();
          if (rs.getLong(1) == 0) {
            break;
          }
        }
        TimeUnit.MILLISECONDS.sleep(500);
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("  %s: jobs and mails done %d ms later%n", what, millis);
    return millis;
  }

  static String send(HttpClient http, URI leads, String body) throws Exception {
    HttpResponse<String> response = post(http, leads, body);
    if (response.statusCode() != 201) {
      throw new IllegalStateException("intake answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  static HttpResponse<String> post(HttpClient http, URI leads, String body) throws Exception {
    return post(http, leads, body, headers());
  }

  static HttpResponse<String> post(HttpClient http, URI target, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(ConstantRateLoad.TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> headers() {
    return Map.of("Content-Type", "application/json", "X-Api-Key", KEY);
  }

  static String body(String prefix, int i, String source) {
    return "{\"name\": \"Bench " + i + "\", \"email\": \"" + prefix + i + "-" + System.nanoTime()
        + "@example.org\", \"source\": \"" + source + "\", \"score\": 10}";
  }

  static void line(String format, Object... args) {
    String text = String.format(format, args);
    System.out.println(text);
    REPORT.append(text).append('\n');
  }

  static void freshDatabase() throws Exception {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DATABASE);
    }
  }

  /** What autovacuum would do: fresh planner statistics (autovacuum is off on the development machines). */
  static void analyze() {
    try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE");
    } catch (java.sql.SQLException e) {
      System.out.println("  ANALYZE failed: " + e.getMessage());
    }
  }

  /** Once a second while the burst runs: the backlog (own connection), liveness and readiness latency. */
  static final class Sampler {
    final List<Long> backlog = new ArrayList<>();
    final AtomicLong maxBacklog = new AtomicLong();
    final AtomicLong maxLiveness = new AtomicLong();
    final AtomicLong maxReadiness = new AtomicLong();
    final AtomicLong slowHealth = new AtomicLong();
    final AtomicBoolean running = new AtomicBoolean(true);
    Thread thread;

    static Sampler start(HttpClient http, int port) {
      Sampler sampler = new Sampler();
      sampler.thread = new Thread(() -> sampler.loop(http, port), "burst-sampler");
      sampler.thread.start();
      return sampler;
    }

    void loop(HttpClient http, int port) {
      int tick = 0;
      try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
          Statement statement = db.createStatement()) {
        while (running.get()) {
          try (ResultSet rs = statement.executeQuery(BACKLOG_SQL)) {
            rs.next();
            long waiting = rs.getLong(1);
            synchronized (backlog) {
              backlog.add(waiting);
            }
            maxBacklog.accumulateAndGet(waiting, Math::max);
          }
          maxLiveness.accumulateAndGet(health(http, port, "liveness"), Math::max);
          maxReadiness.accumulateAndGet(health(http, port, "readiness"), Math::max);
          if (++tick % 10 == 0) {
            analyze();
          }
          TimeUnit.SECONDS.sleep(1);
        }
      } catch (Exception e) {
        System.out.println("sampler stopped: " + e);
      }
    }

    long health(HttpClient http, int port, String probe) {
      long t0 = System.nanoTime();
      try {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/actuator/health/" + probe)).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (response.statusCode() != 200 || millis > 1000) {
          slowHealth.incrementAndGet();
        }
        return millis;
      } catch (Exception e) {
        slowHealth.incrementAndGet();
        return (System.nanoTime() - t0) / 1_000_000;
      }
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }
  }
}
