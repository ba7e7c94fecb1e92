package io.leadsla.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.LeadSlaApplication;
import io.leadsla.intake.LeadIntakeService;
import io.leadsla.lead.LeadFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Where a burst's backlog goes: {@code -Ddrain.leads} (2,000) leads accepted with the job executor stopped, then
 * the executor started and timed until every start job and mail is done. Reports leads worked off per second,
 * CPU seconds per lead of this JVM and of the PostgreSQL server, and the statements that cost the most
 * (pg_stat_statements). ANALYZE runs after the warm-up and after the backlog is queued (autovacuum is off on the
 * development machines). {@code -Ddrain.jfr=file} records the drain with Flight Recorder (default settings). Writes
 * target/drain-benchmark.md.
 */
public final class DrainBenchmark {

  public static void main(String[] args) throws Exception {
    int leads = Integer.getInteger("drain.leads", 2000);
    BurstBenchmark.freshDatabase();
    GreenMail smtp = new GreenMail(new ServerSetup(3126, null, "smtp"));
    smtp.start();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(LeadSlaApplication.class).run(
        "--spring.datasource.url=" + BurstBenchmark.SERVER + BurstBenchmark.DATABASE,
        "--spring.datasource.username=postgres", "--spring.datasource.password=", "--spring.mail.port=3126",
        "--server.port=0", "--logging.level.root=WARN", "--logging.level.io.leadsla=WARN")) {
      LeadIntakeService intake = app.getBean(LeadIntakeService.class);
      JobExecutor jobExecutor = app.getBean(ProcessEngineConfigurationImpl.class).getJobExecutor();
      BurstBenchmark.line("# Drain benchmark, %d leads, %d cores", leads, Runtime.getRuntime().availableProcessors());
      submit(intake, 300, "warm");
      BurstBenchmark.drain(null, "warm-up");
      jobExecutor.shutdown();
      submit(intake, leads, "drain");
      BurstBenchmark.analyze();
      boolean statements = resetStatements();
      int mailsBefore = smtp.getReceivedMessages().length;
      double jvmBefore = jvmCpuSeconds();
      double dbBefore = postgresCpuSeconds();
      jdk.jfr.Recording recording = profile();
      jobExecutor.start();
      long millis = BurstBenchmark.drain(null, "backlog");
      if (recording != null) {
        recording.stop();
        recording.dump(Path.of(System.getProperty("drain.jfr")));
      }
      double jvm = jvmCpuSeconds() - jvmBefore;
      double db = postgresCpuSeconds() - dbBefore;
      BurstBenchmark.line("%n| what | measured |%n|---|---|");
      BurstBenchmark.line("| drained in | %.1f s |", millis / 1000.0);
      BurstBenchmark.line("| leads worked off | %.1f /s |", leads * 1000.0 / millis);
      BurstBenchmark.line("| mails sent meanwhile | %d |", smtp.getReceivedMessages().length - mailsBefore);
      BurstBenchmark.line("| CPU per lead, this JVM / PostgreSQL | %.1f ms / %.1f ms |", jvm * 1000 / leads,
          db * 1000 / leads);
      if (statements) {
        statements(leads);
      } else {
        BurstBenchmark.line("%nStatements not measured: the server does not load pg_stat_statements "
            + "(shared_preload_libraries).");
      }
      Files.writeString(Path.of("target", "drain-benchmark.md"), BurstBenchmark.REPORT);
    } finally {
      smtp.stop();
    }
  }

  /** With {@code -Ddrain.jfr=file}: a flight recording (default settings) of the drain alone. */
  static jdk.jfr.Recording profile() throws Exception {
    if (System.getProperty("drain.jfr") == null) {
      return null;
    }
    jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("default"));
    recording.start();
    return recording;
  }

  static void submit(LeadIntakeService intake, int count, String prefix) {
    for (int i = 0; i < count; i++) {
      intake.submit(new LeadFields("Drain " + i, prefix + i + "-" + System.nanoTime() + "@example.org", null, null,
          null, i % 10 == 0 ? "demo_request" : "webinar", null, 10, false, null), "api");
    }
  }

  static Connection database() throws Exception {
    return DriverManager.getConnection(BurstBenchmark.SERVER + BurstBenchmark.DATABASE, "postgres", "");
  }

  static boolean resetStatements() throws Exception {
    try (Connection db = database(); Statement statement = db.createStatement()) {
      statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      statement.executeQuery("SELECT pg_stat_statements_reset()").close();
      return true;
    } catch (java.sql.SQLException notLoaded) {
      return false;
    }
  }

  static void statements(int leads) throws Exception {
    try (Connection db = database(); Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery("SELECT calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ',"
            + " 'g'), 110) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = '"
            + BurstBenchmark.DATABASE + "' ORDER BY calls DESC")) {
      StringBuilder top = new StringBuilder();
      long calls = 0;
      double time = 0;
      int row = 0;
      while (rs.next()) {
        calls += rs.getLong(1);
        time += rs.getDouble(2);
        if (row++ < 40) {
          top.append(String.format("| %.2f | %.3f | `%s` |%n", rs.getLong(1) / (double) leads,
              rs.getDouble(2) / leads, rs.getString(3).replace("|", "\\|")));
        }
      }
      BurstBenchmark.line("| statements per lead | %.1f (%.2f ms of execution) |", calls / (double) leads,
          time / leads);
      BurstBenchmark.line("%n| per lead | ms per lead | statement |%n|---|---|---|%n%s", top);
    }
  }

  static double jvmCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
  }

  /** User + system time of every postgres process (the server's children included once they have exited). */
  static double postgresCpuSeconds() throws IOException {
    double ticks = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : (Iterable<Path>) processes::iterator) {
        if (!process.getFileName().toString().matches("\\d+")) {
          continue;
        }
        try {
          String stat = Files.readString(process.resolve("stat"));
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          if (!name.startsWith("postgres")) {
            continue;
          }
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          if (fields[1].equals("1") || !isPostgres(fields[1])) {
            ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
          }
        } catch (IOException | RuntimeException gone) {
          // the process ended while we read it
        }
      }
    }
    return ticks / 100.0;
  }

  static boolean isPostgres(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith("postgres");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
