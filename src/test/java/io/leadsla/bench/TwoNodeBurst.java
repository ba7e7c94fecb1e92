package io.leadsla.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.leadsla.sla.SlaStageProcess;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two application nodes (separate JVMs from the packaged jar) on one fresh PostgreSQL database, a constant burst
 * spread over both, and {@code kill -9} of the first node halfway through. Then checks, from the database and
 * the mails (GreenMail in this JVM, both nodes send to it): every lead a node accepted (201) has exactly one
 * cycle and was started, which mails went out twice (same Message-ID: only one the dead node was sending at the
 * kill can, if it died after the SMTP server took the mail and before the outbox marked it sent), every SLA
 * warning timer due around the kill
 * fired, and how long the jobs the dead node had locked waited (bound: the job lock time, 2 minutes).
 * {@code TwoNodeKillIT} runs a small version in {@code mvn verify}.
 *
 * <p>Run {@code mvn -q package -DskipTests} first; see the README, "Benchmarks".
 */
public final class TwoNodeBurst {

  static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
  static final String DATABASE = "leadsla_two";
  static final Pattern LEAD_ID = Pattern.compile("\"leadId\":\"([^\"]+)\"");

  /** What one run measured; {@code lockedDoneAfterKill} is null if the dead node's jobs never ran. */
  record Outcome(double rate, int seconds, List<ConstantRateLoad.Sent> sent, int lockedAtKill,
      Duration lockedDoneAfterKill, int accepted, long lost, long twice, long startJobsLeft, long incidents,
      int probes, int probesFired, List<Long> lateness, int mails, long duplicateMails, long mailsResent,
      long mailsSendingAtKill, long mailsUnsent) {
  }

  public static void main(String[] args) throws Exception {
    Outcome outcome = run(Double.parseDouble(System.getProperty("two.rate", "40")),
        Integer.getInteger("two.seconds", 60), 100, Duration.ofMinutes(2));
    BurstBenchmark.REPORT.setLength(0);
    BurstBenchmark.line("# Two nodes, kill -9 of one mid-burst (%s)%n", Instant.now());
    BurstBenchmark.report(outcome.sent(), outcome.rate(), outcome.seconds());
    BurstBenchmark.line("| jobs locked (both nodes) at the kill | %d |", outcome.lockedAtKill());
    BurstBenchmark.line("| the jobs locked at the kill were all done | %s after the kill |",
        outcome.lockedDoneAfterKill() == null ? "never" : outcome.lockedDoneAfterKill().toSeconds() + " s");
    BurstBenchmark.line("| accepted leads | %d |", outcome.accepted());
    BurstBenchmark.line("| accepted leads without a cycle (lost) | %d |", outcome.lost());
    BurstBenchmark.line("| leads with more than one cycle | %d |", outcome.twice());
    BurstBenchmark.line("| lead start jobs left | %d |", outcome.startJobsLeft());
    BurstBenchmark.line("| incidents | %d |", outcome.incidents());
    BurstBenchmark.line("| SLA warning timers due from 10 s before to 60 s after the kill that fired | %d of %d |",
        outcome.probesFired(), outcome.probes());
    BurstBenchmark.line("| their lateness, p50 / p99 / max | %.1f s / %.1f s / %.1f s |",
        ConstantRateLoad.percentile(outcome.lateness(), 0.5) / 1000.0,
        ConstantRateLoad.percentile(outcome.lateness(), 0.99) / 1000.0,
        ConstantRateLoad.percentile(outcome.lateness(), 1.0) / 1000.0);
    BurstBenchmark.line("| mails | %d |", outcome.mails());
    BurstBenchmark.line("| mails received twice (same Message-ID and recipient) | %d |", outcome.duplicateMails());
    BurstBenchmark.line("| mails queued or being sent at the end | %d |", outcome.mailsUnsent());
    BurstBenchmark.line("| mails being sent (claimed) at the kill | %d |", outcome.mailsSendingAtKill());
    BurstBenchmark.line("| mails claimed before the kill and sent again by the other node | %d |",
        outcome.mailsResent());
    Files.writeString(Path.of("target", "two-node-burst.md"), BurstBenchmark.REPORT);
    System.out.println("\nwritten to target/two-node-burst.md");
    // the surviving node's SMTP connections are cut as it stops; GreenMail reports that from its own threads,
    // which exec:java would count as a failure of this run after its results were written
    System.exit(0);
  }

  /**
   * {@code rate} leads/s for {@code seconds} spread over two nodes, the first killed halfway; {@code probes} SLA
   * warning timers due from 10 s before the kill to 60 s after it; the nodes hold their jobs for {@code lockTime}.
   */
  static Outcome run(double rate, int seconds, int probeCount, Duration lockTime) throws Exception {
    File jar = new File("target").listFiles((dir, name) -> name.startsWith("lead-sla-") && name.endsWith(".jar"))[0];
    try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + DATABASE);
    }
    GreenMail smtp = new GreenMail(new ServerSetup(3128, null, "smtp"));
    smtp.start();
    Process first = node(jar, "node-a", 18081, lockTime);
    Process second = null;
    try {
      waitUntilUp(18081);   // the first node creates the schema alone
      second = node(jar, "node-b", 18082, lockTime);
      waitUntilUp(18082);
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      List<URI> nodes = List.of(URI.create("http://localhost:18081/api/leads"),
          URI.create("http://localhost:18082/api/leads"));

      // SLA warning timers of leads being worked, due one after another from 10 s before the kill to 60 s after it
      List<String> probes = new ArrayList<>();
      for (int i = 0; i < probeCount; i++) {
        probes.add(BurstBenchmark.instanceId(
            BurstBenchmark.send(http, nodes.get(i % 2), BurstBenchmark.body("probe", i, "demo_request"))));
      }
      waitForNoMessageJobs();
      // a probe's warning timer is a job of the response stage its lead cycle runs
      probes = stagesOf(probes);
      Instant start = Instant.now().plusSeconds(2);
      Instant kill = start.plusSeconds(seconds / 2);
      Map<String, Instant> probeDue = spreadWarningTimers(probes, kill.minusSeconds(10), Duration.ofSeconds(70));

      TimeUnit.MILLISECONDS.sleep(Math.max(0, Duration.between(Instant.now(), start).toMillis()));
      CompletableFuture<List<ConstantRateLoad.Sent>> load = CompletableFuture.supplyAsync(() -> {
        try {
          return ConstantRateLoad.run(http, nodes, rate, seconds,
              i -> BurstBenchmark.body("two", i, i % 10 == 0 ? "demo_request" : "webinar"), BurstBenchmark.headers());
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      TimeUnit.MILLISECONDS.sleep(Math.max(0, Duration.between(Instant.now(), kill).toMillis()));
      List<String> lockedAtKill = lockedJobs();
      first.destroyForcibly();   // SIGKILL: no shutdown hook, no lock released
      Instant killedAt = Instant.now();
      first.waitFor();
      // counted once the node is dead: its claims stay as they were until they are stale
      long sendingAtKill = countJobs("sending");
      List<ConstantRateLoad.Sent> sent = load.join();

      Set<String> accepted = new HashSet<>();
      for (ConstantRateLoad.Sent request : sent) {
        if (request.status() == 201) {
          Matcher id = LEAD_ID.matcher(request.body());
          if (id.find()) {
            accepted.add(id.group(1));
          }
        }
      }
      Instant giveUp = Instant.now().plus(lockTime.multipliedBy(4)).plusSeconds(60);
      Instant lockedGone = null;
      while (Instant.now().isBefore(giveUp) && (lockedGone == null || countJobs("messages") > 0
          || countJobs("unsent") > 0 || warningTimersLeft(probeDue.keySet()) > 0)) {
        if (lockedGone == null && remaining(lockedAtKill) == 0) {
          lockedGone = Instant.now();
        }
        TimeUnit.SECONDS.sleep(1);
      }
      try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
          Statement statement = db.createStatement()) {
        Map<String, Integer> cycles = new HashMap<>();
        try (ResultSet rs = statement.executeQuery("SELECT lead_id, COUNT(*) FROM lead_cycle GROUP BY lead_id")) {
          while (rs.next()) {
            cycles.put(rs.getString(1), rs.getInt(2));
          }
        }
        Map<String, Instant> fired = BurstBenchmark.warningsFired(DATABASE, probeDue.keySet());
        List<Long> lateness = new ArrayList<>();
        probeDue.forEach((instance, due) -> {
          if (fired.containsKey(instance)) {
            lateness.add(Duration.between(due, fired.get(instance)).toMillis());
          }
        });
        Map<String, Integer> messageIds = new HashMap<>();
        for (MimeMessage mail : smtp.getReceivedMessages()) {
          messageIds.merge(mail.getMessageID() + " " + String.join(",",
              java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList()), 1, Integer::sum);
        }
        return new Outcome(rate, seconds, sent, lockedAtKill.size(),
            lockedGone == null ? null : Duration.between(killedAt, lockedGone), accepted.size(),
            accepted.stream().filter(id -> !cycles.containsKey(id)).count(),
            cycles.values().stream().filter(n -> n > 1).count(), countJobs("start"),
            count(statement, "SELECT COUNT(*) FROM act_ru_incident"), probeDue.size(), fired.size(), lateness,
            smtp.getReceivedMessages().length, messageIds.values().stream().filter(n -> n > 1).count(),
            count(statement, "SELECT COUNT(*) FROM notification WHERE attempts > 1 AND created_at <= '"
                + Timestamp.from(killedAt) + "'"), sendingAtKill, countJobs("unsent"));
      }
    } finally {
      first.destroyForcibly();
      if (second != null) {
        second.destroy();
        if (!second.waitFor(30, TimeUnit.SECONDS)) {
          second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      smtp.stop();
    }
  }

  static Process node(File jar, String name, int port, Duration lockTime) throws Exception {
    return new ProcessBuilder("java", "-Xmx1g", "-jar", jar.getPath(),
        "--server.port=" + port, "--camunda.bpm.job-execution.lock-time-in-millis=" + lockTime.toMillis(),
        "--spring.datasource.url=" + SERVER + DATABASE, "--spring.datasource.username=postgres",
        "--spring.datasource.password=", "--spring.mail.port=3128",
        // a mail the dead node was sending is taken over within the same bound as its jobs
        "--leadsla.mail.sender.stale-claim=" + lockTime.toMillis() + "ms",
        "--logging.level.root=WARN")
        .redirectErrorStream(true).redirectOutput(new File("target", name + ".log")).start();
  }

  static void waitUntilUp(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 180; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
            .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // starting
      }
      TimeUnit.SECONDS.sleep(1);
    }
    throw new IllegalStateException("node on port " + port + " did not start; see target/node-*.log");
  }

  /** The SlaStage instance each of these LeadCycle instances runs now. */
  static List<String> stagesOf(List<String> cycles) throws Exception {
    List<String> stages = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery("SELECT stage.id_ FROM act_ru_execution stage "
            + "JOIN act_ru_execution caller ON caller.id_ = stage.super_exec_ WHERE caller.proc_inst_id_ IN ('"
            + String.join("','", cycles) + "')")) {
      while (rs.next()) {
        stages.add(rs.getString(1));
      }
    }
    if (stages.size() != cycles.size()) {
      throw new IllegalStateException(cycles.size() + " probes but " + stages.size() + " running stages");
    }
    return stages;
  }

  /** Moves the probes' warning timers to be due one after another over the window; returns each one's due time. */
  static Map<String, Instant> spreadWarningTimers(List<String> probes, Instant from, Duration window)
      throws Exception {
    Map<String, Instant> due = new HashMap<>();
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement()) {
      for (int i = 0; i < probes.size(); i++) {
        Instant at = from.plusMillis(window.toMillis() * i / probes.size());
        statement.executeUpdate("UPDATE act_ru_job SET duedate_ = '" + Timestamp.from(at) + "' WHERE "
            + "process_instance_id_ = '" + probes.get(i) + "' AND job_def_id_ IN (SELECT id_ FROM act_ru_jobdef "
            + "WHERE act_id_ = '" + SlaStageProcess.WARNING_TIMER + "')");
        due.put(probes.get(i), at);
      }
    }
    return due;
  }

  static long remaining(List<String> jobIds) throws Exception {
    if (jobIds.isEmpty()) {
      return 0;
    }
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement()) {
      return count(statement, "SELECT COUNT(*) FROM act_ru_job WHERE id_ IN ('" + String.join("','", jobIds) + "')");
    }
  }

  static List<String> lockedJobs() throws Exception {
    List<String> ids = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery("SELECT id_ FROM act_ru_job WHERE lock_owner_ IS NOT NULL")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  static void waitForNoMessageJobs() throws Exception {
    Instant giveUp = Instant.now().plus(Duration.ofMinutes(3));
    while (countJobs("messages") > 0) {
      if (Instant.now().isAfter(giveUp)) {
        throw new IllegalStateException("async jobs still waiting after 3 minutes; see target/node-*.log");
      }
      TimeUnit.SECONDS.sleep(1);
    }
  }

  /** The probes' SLA warning timers that have not fired yet, whether due or not. */
  static long warningTimersLeft(Set<String> probes) throws Exception {
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement()) {
      return count(statement, "SELECT COUNT(*) FROM act_ru_job j JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_ "
          + "WHERE d.act_id_ = '" + SlaStageProcess.WARNING_TIMER + "' AND j.process_instance_id_ IN ('"
          + String.join("','", probes) + "')");
    }
  }

  static long countJobs(String which) throws Exception {
    try (Connection db = DriverManager.getConnection(SERVER + DATABASE, "postgres", "");
        Statement statement = db.createStatement()) {
      return count(statement, switch (which) {
        case "start" -> BurstBenchmark.BACKLOG_SQL;
        // queued mails, and mails a sender claimed (the dead node's until their claim is stale)
        case "unsent" -> "SELECT COUNT(*) FROM notification WHERE status IN ('PENDING', 'SENDING')";
        case "sending" -> "SELECT COUNT(*) FROM notification WHERE status = 'SENDING'";
        default -> "SELECT COUNT(*) FROM act_ru_job WHERE type_ = 'message' AND retries_ > 0";
      });
    }
  }

  static long count(Statement statement, String sql) throws Exception {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
