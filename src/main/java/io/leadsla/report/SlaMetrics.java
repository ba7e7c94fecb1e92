package io.leadsla.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SLA metrics of a set of lead cycles, defined once here (and in the README). All durations are wall-clock
 * time from the start of the cycle; percentiles are nearest-rank.
 * <ul>
 *   <li>pick-up rate: share of cycles with at least one touch; first-touch compliance: share of cycles whose
 *       first touch came by the first response deadline (cycles still within it and untouched are not judged);</li>
 *   <li>speed to first attempt / to contact: start of the cycle to the first touch / to the first touch with a live
 *       conversation; attempts to contact: touches up to and including that conversation;</li>
 *   <li>speed to qualify: start of the cycle to the hand-off (the qualification ended "qualified");
 *       qualification rate: qualified cycles among cycles that were qualified or ended;</li>
 *   <li>conversion by response bucket: the qualification rate of cycles grouped by speed to first attempt;</li>
 *   <li>dispositions of ended cycles; cycles per cycle number and cycle 1 against later cycles.</li>
 * </ul>
 */
@Repository
public class SlaMetrics {

  /** Response-time buckets (seed 002: "5 minutes or 2 hours"); upper bounds, exclusive. */
  static final List<Map.Entry<String, Duration>> BUCKETS = List.of(
      Map.entry("< 5 min", Duration.ofMinutes(5)),
      Map.entry("5-60 min", Duration.ofHours(1)),
      Map.entry("1-24 h", Duration.ofDays(1)),
      Map.entry("> 24 h", Duration.ofDays(36_500)));
  static final String NO_TOUCH = "no touch";

  private final NamedParameterJdbcTemplate jdbc;

  SlaMetrics(JdbcTemplate jdbc) {
    this.jdbc = new NamedParameterJdbcTemplate(jdbc);
  }

  /** Every cycle of the filter with its facts: one range over lead_cycle, whose report columns are kept as things happen. */
  public List<LeadCycleFacts> facts(ReportFilter filter) {
    StringBuilder sql = new StringBuilder("SELECT lead_id, cycle, source, team, first_owner, started_at, ended_at, "
        + "disposition, response_deadline, first_attempt_at, first_contact_at, attempts_to_contact, qualified_at "
        + "FROM lead_cycle WHERE started_at >= :from AND started_at < :to AND response_deadline IS NOT NULL");
    MapSqlParameterSource params = new MapSqlParameterSource("from", Timestamp.from(filter.start()))
        .addValue("to", Timestamp.from(filter.end()));
    if (filter.team() != null) {
      sql.append(" AND team = :team");
      params.addValue("team", filter.team());
    }
    if (filter.rep() != null) {
      sql.append(" AND first_owner = :rep");
      params.addValue("rep", filter.rep());
    }
    if (filter.source() != null) {
      sql.append(" AND source = :source");
      params.addValue("source", filter.source());
    }
    if (filter.cycle() != null) {
      sql.append(" AND cycle = :cycle");
      params.addValue("cycle", filter.cycle());
    }
    sql.append(" ORDER BY started_at, lead_id");
    // columns by position and timestamps as OffsetDateTime: about a third faster than by name and Timestamp
    return jdbc.query(sql.toString(), params, (rs, i) -> new LeadCycleFacts(
        rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6),
        instant(rs, 7), rs.getString(8), instant(rs, 9), instant(rs, 10), instant(rs, 11), rs.getInt(12),
        instant(rs, 13)));
  }

  /** The metrics of a set of cycles as of {@code now}. */
  public Map<String, Object> summary(List<LeadCycleFacts> cycles, Instant now) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("timeBasis", "wall clock, from the start of the lead cycle");
    out.put("leadsIn", cycles.size());
    long pickedUp = cycles.stream().filter(c -> c.firstAttempt() != null).count();
    out.put("pickedUp", pickedUp);
    out.put("pickUpRate", rate(pickedUp, cycles.size()));
    List<LeadCycleFacts> judged = cycles.stream().filter(c -> judged(c, now)).toList();
    out.put("firstTouchCompliance", rate(judged.stream().filter(SlaMetrics::inTime).count(), judged.size()));
    out.put("speedToFirstAttempt", spread(cycles, LeadCycleFacts::toFirstAttempt));
    out.put("speedToContact", spread(cycles, LeadCycleFacts::toContact));
    out.put("attemptsToContact", counts(cycles.stream().filter(c -> c.firstContact() != null)
        .map(LeadCycleFacts::attemptsToContact).toList()));
    out.put("speedToQualify", spread(cycles, LeadCycleFacts::toQualify));
    out.put("qualificationRateBySource", qualificationRate(cycles, LeadCycleFacts::source, List.of()));
    List<String> bucketOrder = new ArrayList<>(BUCKETS.stream().map(Map.Entry::getKey).toList());
    bucketOrder.add(NO_TOUCH);
    out.put("conversionByResponseBucket", qualificationRate(cycles, SlaMetrics::bucket, bucketOrder));
    Map<String, Long> distribution = new LinkedHashMap<>();
    bucketOrder.forEach(bucket -> distribution.put(bucket, 0L));
    cycles.forEach(c -> distribution.merge(bucket(c), 1L, Long::sum));
    out.put("responseTimeDistribution", distribution);
    Map<String, Long> dispositions = new TreeMap<>();
    cycles.stream().filter(c -> c.disposition() != null)
        .forEach(c -> dispositions.merge(c.disposition(), 1L, Long::sum));
    out.put("dispositions", dispositions);
    Map<Integer, Long> perCycle = new TreeMap<>();
    cycles.forEach(c -> perCycle.merge(c.cycle(), 1L, Long::sum));
    out.put("leadsPerCycleNumber", perCycle);
    List<LeadCycleFacts> first = cycles.stream().filter(c -> c.cycle() == 1).toList();
    List<LeadCycleFacts> later = cycles.stream().filter(c -> c.cycle() > 1).toList();
    Map<String, Object> byCycle = new LinkedHashMap<>();
    byCycle.put("cycle1", cycleGroup(first));
    byCycle.put("later", cycleGroup(later));
    out.put("firstCycleVersusLater", byCycle);
    return out;
  }

  /**
   * What happened in the period regardless of when the cycles started: SLA breaches (clocks whose deadline fell in
   * the period and passed unmet; paused runs are not judged) per stage, level and rep, reassignments, pauses; and
   * the leads open right now per stage with their age (the "black holes").
   */
  public Map<String, Object> operations(ReportFilter filter, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource("from", Timestamp.from(filter.start()))
        .addValue("to", Timestamp.from(filter.end())).addValue("now", Timestamp.from(now))
        .addValue("team", filter.team());
    String team = filter.team() == null ? "" : " AND owner_group = :team";
    Map<String, Object> out = new LinkedHashMap<>();

    Map<String, Map<String, Long>> breachesByStage = new TreeMap<>();
    Map<String, Long> breachesByRep = new TreeMap<>();
    jdbc.query("SELECT stage, owner FROM sla_clock WHERE deadline >= :from AND deadline < :to AND deadline <= :now "
        + "AND paused = FALSE AND (ended_at IS NULL OR ended_at > deadline)" + team, params, rs -> {
          breachesByStage.computeIfAbsent(rs.getString("stage"), k -> new TreeMap<>()).merge("manager", 1L, Long::sum);
          breachesByRep.merge(rs.getString("owner") == null ? SlaFigures.TEAM_QUEUE : rs.getString("owner"), 1L,
              Long::sum);
        });
    jdbc.query("SELECT n.stage, COUNT(DISTINCT n.dedup_key) AS escalations FROM notification n WHERE n.kind = 'ESCALATION' "
        + "AND n.created_at >= :from AND n.created_at < :to" + (filter.team() == null ? "" : " AND EXISTS (SELECT 1 "
        + "FROM sla_clock k WHERE k.lead_id = n.lead_id AND k.cycle = n.cycle AND k.stage = n.stage "
        + "AND k.owner_group = :team)") + " GROUP BY n.stage", params, rs -> {
          breachesByStage.computeIfAbsent(rs.getString("stage"), k -> new TreeMap<>())
              .put("executives", rs.getLong("escalations"));
        });
    out.put("breachesByStageAndLevel", breachesByStage);
    out.put("breachesByRep", breachesByRep);

    Map<String, Long> reassignments = new TreeMap<>();
    jdbc.query("SELECT reason, COUNT(*) AS n FROM lead_assignment WHERE from_owner IS NOT NULL "
        + "AND assigned_at >= :from AND assigned_at < :to" + (filter.team() == null ? "" : " AND team = :team")
        + " GROUP BY reason", params, rs -> {
          reassignments.put(rs.getString("reason"), rs.getLong("n"));
        });
    out.put("reassignmentsByReason", reassignments);

    Map<String, Long> pauses = new TreeMap<>();
    jdbc.query("SELECT stage, COUNT(*) AS n FROM sla_pause WHERE paused_at >= :from AND paused_at < :to" + team
        + " GROUP BY stage", params, rs -> {
          pauses.put(rs.getString("stage"), rs.getLong("n"));
        });
    out.put("pausesByStage", pauses);

    // cycles that ended in nurture in the period, and how many of their leads came back with a later cycle
    String cycleTeam = filter.team() == null ? "" : " AND c.team = :team";
    jdbc.query("SELECT COUNT(*) AS nurtured, SUM(CASE WHEN EXISTS (SELECT 1 FROM lead_cycle n "
        + "WHERE n.lead_id = c.lead_id AND n.cycle > c.cycle) THEN 1 ELSE 0 END) AS came_back FROM lead_cycle c "
        + "WHERE c.disposition = 'nurture' AND c.ended_at >= :from AND c.ended_at < :to" + cycleTeam, params, rs -> {
          Map<String, Object> reengagement = new LinkedHashMap<>();
          reengagement.put("nurtured", rs.getLong("nurtured"));
          reengagement.put("cameBack", rs.getLong("came_back"));
          reengagement.put("rate", rate(rs.getLong("came_back"), rs.getLong("nurtured")));
          out.put("reengagement", reengagement);
        });
    List<Map<String, Object>> reasons = new ArrayList<>();
    jdbc.query("SELECT c.disposition, c.reason, COUNT(*) AS n FROM lead_cycle c WHERE c.ended_at >= :from "
        + "AND c.ended_at < :to AND c.reason IS NOT NULL" + cycleTeam + " GROUP BY c.disposition, c.reason "
        + "ORDER BY n DESC, c.disposition, c.reason FETCH FIRST 10 ROWS ONLY", params, rs -> {
          Map<String, Object> reason = new LinkedHashMap<>();
          reason.put("disposition", rs.getString("disposition"));
          reason.put("reason", rs.getString("reason"));
          reason.put("cycles", rs.getLong("n"));
          reasons.add(reason);
        });
    out.put("topReasons", reasons);

    Map<String, Map<String, Object>> open = new TreeMap<>();
    jdbc.query("SELECT k.stage, k.started_at FROM sla_clock k JOIN lead_cycle c ON c.lead_id = k.lead_id "
        + "AND c.cycle = k.cycle WHERE k.running = TRUE AND c.ended_at IS NULL AND k.started_at <= :now"
        + (filter.team() == null ? "" : " AND k.owner_group = :team"), params, rs -> {
          Duration age = Duration.between(rs.getTimestamp("started_at").toInstant(), now);
          Map<String, Object> stage = open.computeIfAbsent(rs.getString("stage"), k -> newOpenStage());
          stage.merge("open", 1L, (a, b) -> (Long) a + (Long) b);
          stage.merge("oldestSeconds", age.toSeconds(), (a, b) -> Math.max((Long) a, (Long) b));
          @SuppressWarnings("unchecked")
          Map<String, Long> ages = (Map<String, Long>) stage.get("byAge");
          ages.merge(ageBucket(age), 1L, Long::sum);
        });
    out.put("openByStage", open);
    return out;
  }

  /**
   * Cadence compliance: of the cadences started in the period, those on target (at least as many touches as the
   * plan expects by now, or by the end of the cadence) and those behind. A cadence ends at the first live
   * conversation, at the end of its days, or with the cycle.
   */
  public Map<String, Object> cadence(ReportFilter filter, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource("from", Timestamp.from(filter.start()))
        .addValue("to", Timestamp.from(filter.end())).addValue("team", filter.team());
    long[] counts = new long[2];
    jdbc.query("SELECT d.started_at, d.planned_touches, d.planned_days, c.ended_at, "
        + "(SELECT MIN(t.touched_at) FROM lead_touch t WHERE t.lead_id = d.lead_id AND t.cycle = d.cycle "
        + "  AND t.touched_at > d.started_at AND t.outcome = 'connected') AS conversation, "
        + "(SELECT COUNT(*) FROM lead_touch t WHERE t.lead_id = d.lead_id AND t.cycle = d.cycle "
        + "  AND t.touched_at >= d.started_at) AS touches "
        + "FROM lead_cadence d JOIN lead_cycle c ON c.lead_id = d.lead_id AND c.cycle = d.cycle "
        + "WHERE d.started_at >= :from AND d.started_at < :to" + (filter.team() == null ? "" : " AND c.team = :team"),
        params, rs -> {
          Instant start = rs.getTimestamp("started_at").toInstant();
          int planned = rs.getInt("planned_touches");
          Duration days = Duration.ofDays(rs.getInt("planned_days"));
          Instant end = earliest(now, start.plus(days), rs.getTimestamp("ended_at"), rs.getTimestamp("conversation"));
          long expected = planned <= 1 ? 1 : Math.min(planned,
              1 + Duration.between(start, end).toMinutes() / Math.max(1, days.dividedBy(planned - 1).toMinutes()));
          counts[rs.getLong("touches") >= expected ? 0 : 1]++;
        });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("onTarget", counts[0]);
    out.put("behind", counts[1]);
    out.put("complianceRate", rate(counts[0], counts[0] + counts[1]));
    return out;
  }

  private static Instant earliest(Instant first, Instant second, Timestamp... more) {
    Instant earliest = first.isBefore(second) ? first : second;
    for (Timestamp candidate : more) {
      if (candidate != null && candidate.toInstant().isBefore(earliest)) {
        earliest = candidate.toInstant();
      }
    }
    return earliest;
  }

  private static Map<String, Object> newOpenStage() {
    Map<String, Object> stage = new LinkedHashMap<>();
    stage.put("open", 0L);
    stage.put("oldestSeconds", 0L);
    Map<String, Long> ages = new LinkedHashMap<>();
    for (String bucket : List.of("< 1 h", "1-24 h", "1-7 d", "> 7 d")) {
      ages.put(bucket, 0L);
    }
    stage.put("byAge", ages);
    return stage;
  }

  static String ageBucket(Duration age) {
    if (age.compareTo(Duration.ofHours(1)) < 0) {
      return "< 1 h";
    }
    if (age.compareTo(Duration.ofDays(1)) < 0) {
      return "1-24 h";
    }
    return age.compareTo(Duration.ofDays(7)) < 0 ? "1-7 d" : "> 7 d";
  }

  /** Per day of the period (in its zone): leads in, pick-up rate and first-touch compliance. */
  public List<Map<String, Object>> trend(ReportFilter filter, List<LeadCycleFacts> cycles, Instant now) {
    Map<LocalDate, long[]> byDay = new TreeMap<>();   // leads in, picked up, judged, in time
    for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
      byDay.put(day, new long[4]);
    }
    for (LeadCycleFacts c : cycles) {
      long[] n = byDay.computeIfAbsent(c.startedAt().atZone(filter.zone()).toLocalDate(), d -> new long[4]);
      n[0]++;
      if (c.firstAttempt() != null) {
        n[1]++;
      }
      if (judged(c, now)) {
        n[2]++;
        if (inTime(c)) {
          n[3]++;
        }
      }
    }
    List<Map<String, Object>> days = new ArrayList<>();
    byDay.forEach((day, n) -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("day", day.toString());
      row.put("leadsIn", n[0]);
      row.put("pickUpRate", rate(n[1], n[0]));
      row.put("firstTouchCompliance", rate(n[3], n[2]));
      days.add(row);
    });
    return days;
  }

  /** First-touch compliance judges a cycle once it was touched or its first response deadline passed. */
  static boolean judged(LeadCycleFacts c, Instant now) {
    return c.firstAttempt() != null || !c.responseDeadline().isAfter(now);
  }

  static boolean inTime(LeadCycleFacts c) {
    return c.firstAttempt() != null && !c.firstAttempt().isAfter(c.responseDeadline());
  }

  static String bucket(LeadCycleFacts cycle) {
    Duration speed = cycle.toFirstAttempt();
    if (speed == null) {
      return NO_TOUCH;
    }
    return BUCKETS.stream().filter(b -> speed.compareTo(b.getValue()) < 0).findFirst().orElseThrow().getKey();
  }

  /** Qualified among cycles that were qualified or ended, per group: the given groups first, in order. */
  private static Map<String, Map<String, Object>> qualificationRate(List<LeadCycleFacts> cycles,
      Function<LeadCycleFacts, String> group, List<String> order) {
    Map<String, long[]> counts = new TreeMap<>();
    order.forEach(key -> counts.put(key, new long[2]));
    cycles.stream().filter(c -> c.qualified() || c.endedAt() != null).forEach(c -> {
      long[] n = counts.computeIfAbsent(group.apply(c), k -> new long[2]);
      n[0]++;
      if (c.qualified()) {
        n[1]++;
      }
    });
    List<String> keys = new ArrayList<>(order);
    counts.keySet().stream().filter(k -> !order.contains(k)).forEach(keys::add);
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String key : keys) {
      long[] n = counts.get(key);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("decided", n[0]);
      row.put("qualified", n[1]);
      row.put("rate", rate(n[1], n[0]));
      out.put(key, row);
    }
    return out;
  }

  private static Map<String, Object> cycleGroup(List<LeadCycleFacts> cycles) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("leads", cycles.size());
    group.put("pickUpRate", pickUp(cycles));
    group.put("speedToFirstAttempt", spread(cycles, LeadCycleFacts::toFirstAttempt));
    return group;
  }

  private static Double pickUp(List<LeadCycleFacts> cycles) {
    return rate(cycles.stream().filter(c -> c.firstAttempt() != null).count(), cycles.size());
  }

  /** Median and 90th percentile in whole seconds (nearest rank), and how many cycles they are of. */
  static Map<String, Object> spread(List<LeadCycleFacts> cycles, Function<LeadCycleFacts, Duration> measure) {
    long[] seconds = new long[cycles.size()];
    int n = 0;
    for (LeadCycleFacts cycle : cycles) {
      Duration value = measure.apply(cycle);
      if (value != null) {
        seconds[n++] = value.toSeconds();
      }
    }
    Arrays.sort(seconds, 0, n);   // primitive sort: the dashboard sorts a few 100,000 values per request
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", n);
    out.put("medianSeconds", n == 0 ? null : seconds[(int) Math.ceil(0.5 * n) - 1]);
    out.put("p90Seconds", n == 0 ? null : seconds[(int) Math.ceil(0.9 * n) - 1]);
    return out;
  }

  private static Map<String, Object> counts(List<Integer> values) {
    List<Integer> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", sorted.size());
    out.put("median", sorted.isEmpty() ? null : sorted.get((int) Math.ceil(0.5 * sorted.size()) - 1));
    out.put("p90", sorted.isEmpty() ? null : sorted.get((int) Math.ceil(0.9 * sorted.size()) - 1));
    return out;
  }

  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

}
