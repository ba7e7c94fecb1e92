package io.leadsla.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.LeadSlaApplication;
import io.leadsla.security.SalesGroups;
import io.leadsla.sla.LeadCycleProcess;
import io.leadsla.sla.SlaStageProcess;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How late do SLA timers fire, and how fast is intake, with many open leads? Runs the application with the
 * postgres profile on a fresh database on the local PostgreSQL server:
 * <ol>
 *   <li>opens {@code -Dbench.openLeads} (default 100000) low-tier leads, whose timers are hours away;</li>
 *   <li>waits until their alert mails (GreenMail in this JVM) are sent;</li>
 *   <li>submits {@code -Dbench.probes} (default 300) demo requests spread over a minute; their warning timers are
 *       due 3 minutes later;</li>
 *   <li>reports lateness = start of the warning event's activity (when the timer fired) minus the timer's due
 *       date, and intake latency.</li>
 * </ol>
 * {@code -Dbench.tuned=false} runs with Camunda's default job acquisition for comparison. See README, "Benchmarks".
 */
public final class TimerLatenessBenchmark {

  static final String SERVER = System.getProperty("bench.server", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = System.getProperty("bench.user", "postgres");
  static final String DATABASE = "leadsla_bench";

  public static void main(String[] args) throws Exception {
    int openLeads = Integer.getInteger("bench.openLeads", 100_000);
    int probes = Integer.getInteger("bench.probes", 300);
    boolean tuned = Boolean.parseBoolean(System.getProperty("bench.tuned", "true"));
    freshDatabase();
    GreenMail smtp = new GreenMail(new ServerSetup(3125, null, "smtp"));
    smtp.start();

    List<String> arguments = new ArrayList<>(List.of(
        "--spring.profiles.active=postgres",
        "--spring.datasource.url=" + SERVER + DATABASE,
        "--spring.datasource.username=" + USER,
        "--spring.datasource.password=",
        "--spring.datasource.hikari.maximum-pool-size=20",
        "--camunda.bpm.admin-user.password=bench-only",
        "--spring.mail.port=3125",
        "--server.port=0",
        "--logging.level.root=WARN"));
    if (!tuned) {
      arguments.addAll(List.of(
          "--camunda.bpm.generic-properties.properties.jobExecutorAcquireByDueDate=false",
          "--camunda.bpm.generic-properties.properties.ensureJobDueDateNotNull=false",
          "--camunda.bpm.job-execution.wait-time-in-millis=5000",
          "--camunda.bpm.job-execution.max-wait=60000"));
    }
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeadSlaApplication.class)
        .run(arguments.toArray(String[]::new))) {
      if (!tuned) {
        dropIndex();
      }
      team(app.getBean(IdentityService.class));
      RuntimeService runtime = app.getBean(RuntimeService.class);
      ManagementService management = app.getBean(ManagementService.class);

      System.out.printf("%n== Opening %,d leads (tuned job acquisition: %s)%n", openLeads, tuned);
      Latencies background = submit(runtime, openLeads, "newsletter", 4, Duration.ZERO);
      System.out.printf("intake while filling: %s%n", background);
      waitFor("alert mails of the open leads sent", () -> management.createJobQuery().messages().count() == 0);
      System.out.printf("open leads: %,d, jobs: %,d%n",
          runtime.createProcessInstanceQuery().processDefinitionKey(LeadCycleProcess.KEY).count(),
          management.createJobQuery().count());

      System.out.printf("%n== %d demo requests over 60 s; their warnings are due 3 min after each%n", probes);
      Latencies intake = submit(runtime, probes, "demo_request", 1, Duration.ofSeconds(60));
      System.out.printf("intake at %,d open leads: %s%n", openLeads, intake);
      String warning = SlaStageProcess.WARNING_TIMER;
      // each probe's warning timer and its due date, once the probe's start job has run
      Map<String, java.time.Instant> due = new java.util.HashMap<>();
      waitFor("probe warnings created", () -> {
        management.createJobQuery().activityId(warning).timers().list()
            .forEach(job -> due.put(job.getProcessInstanceId(), job.getDuedate().toInstant()));
        return due.size() >= probes;
      });
      waitFor("warning timers fired", () -> management.createJobQuery().activityId(warning).timers().count() == 0);
      List<Long> lateness = new ArrayList<>();
      app.getBean(HistoryService.class).createHistoricActivityInstanceQuery().activityId(warning).list()
          .forEach(fired -> {
            if (due.containsKey(fired.getProcessInstanceId())) {
              lateness.add(fired.getStartTime().getTime() - due.get(fired.getProcessInstanceId()).toEpochMilli());
            }
          });
      System.out.printf("%nwarning timer lateness (fired - due) over %d timers: %s%n", lateness.size(),
          new Latencies(lateness));
    } finally {
      smtp.stop();
    }
  }

  /** Submits leads from {@code threads} threads; with a spread, one at a time spaced evenly over it. */
  static Latencies submit(RuntimeService runtime, int count, String source, int threads, Duration spread)
      throws InterruptedException {
    List<Long> millis = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    long started = System.nanoTime();
    long gapNanos = count > 0 ? spread.toNanos() / count : 0;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<java.util.concurrent.Future<Object>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          long wait = started + i * gapNanos - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          long t0 = System.nanoTime();
          runtime.createMessageCorrelation(LeadCycleProcess.MESSAGE_LEAD_SUBMITTED)
              .processInstanceBusinessKey("B-" + source + "-" + i)
              .setVariables(Map.of("leadName", "Bench " + i, "email", "bench-" + source + "-" + i + "@example.org",
                  "source", source, "score", 10))
              .correlateStartMessage();
          millis.add((System.nanoTime() - t0) / 1_000_000);
          if ((i + 1) % 10_000 == 0) {
            System.out.printf("  %,d leads, %.0f leads/s%n", i + 1, (i + 1) / ((System.nanoTime() - started) / 1e9));
            analyze();
          }
        }
        return null;
      }));
    }
    pool.shutdown();
    for (java.util.concurrent.Future<Object> worker : workers) {
      try {
        worker.get();   // a failed submission stops the benchmark instead of waiting for timers that never come
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("submitting " + source + " leads failed", e.getCause());
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("  %,d leads in %.1f s (%.0f leads/s)%n", count, seconds, count / seconds);
    return new Latencies(millis);
  }

  static void waitFor(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
    long started = System.nanoTime();
    while (!done.getAsBoolean()) {
      TimeUnit.SECONDS.sleep(5);
      System.out.printf("  waiting: %s (%d s)%n", what, (System.nanoTime() - started) / 1_000_000_000);
    }
  }

  static void team(IdentityService identity) {
    String[][] members = {{"rep1", SalesGroups.SDR}, {"rep2", SalesGroups.SDR}, {"rep3", SalesGroups.SDR},
        {"ae1", SalesGroups.AE}, {"boss", SalesGroups.MANAGERS}, {"exec", SalesGroups.EXECUTIVES}};
    for (String[] member : members) {
      User user = identity.newUser(member[0]);
      user.setEmail(member[0] + "@example.com");
      user.setPassword("bench-only");
      identity.saveUser(user);
      identity.createMembership(member[0], member[1]);
    }
  }

  static void freshDatabase() throws Exception {
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DATABASE);
    }
  }

  /**
   * Fresh planner statistics, as autovacuum would keep them. Without them (autovacuum is off on some machines)
   * PostgreSQL plans the engine's variable lookups as if the tables were still empty and intake slows down
   * several-fold as they grow.
   */
  static void analyze() {
    if (Boolean.parseBoolean(System.getProperty("bench.analyze", "true"))) {
      try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, USER, "");
          Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      } catch (java.sql.SQLException e) {
        System.out.println("  ANALYZE failed: " + e.getMessage());
      }
    }
  }

  static void dropIndex() throws Exception {
    try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP INDEX IF EXISTS leadsla_idx_job_duedate");
    }
  }

  /** Median, 90th and 99th percentile and maximum of a list of milliseconds. */
  record Latencies(List<Long> millis) {
    @Override
    public String toString() {
      if (millis.isEmpty()) {
        return "no samples";
      }
      List<Long> sorted = new ArrayList<>(millis);
      Collections.sort(sorted);
      return String.format("p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (n=%d)",
          at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted.get(sorted.size() - 1), sorted.size());
    }

    private static long at(List<Long> sorted, double quantile) {
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
  }
}
