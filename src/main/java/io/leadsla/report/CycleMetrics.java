package io.leadsla.report;

import io.leadsla.DatabaseKind;
import io.leadsla.lead.CadencePlan;
import io.leadsla.lead.OpportunityHandoff;
import io.leadsla.sla.SlaClockLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
public class CycleMetrics {

  /** Response-time buckets (seed 002: "5 minutes or 2 hours"); upper bounds, exclusive. */
  static final List<Map.Entry<String, Duration>> BUCKETS = List.of(
      Map.entry("< 5 min", Duration.ofMinutes(5)),
      Map.entry("5-60 min", Duration.ofHours(1)),
      Map.entry("1-24 h", Duration.ofDays(1)),
      Map.entry("> 24 h", Duration.ofDays(36_500)));
  static final String NO_TOUCH = "no touch";
  /** Every bucket a cycle can be in, in order: the buckets above, then {@link #NO_TOUCH}. */
  static final List<String> BUCKET_LABELS = Stream.concat(BUCKETS.stream().map(Map.Entry::getKey),
      Stream.of(NO_TOUCH)).toList();

  private final NamedParameterJdbcTemplate jdbc;
  private final String factsSql;
  private final String cadenceColumns;

  CycleMetrics(JdbcTemplate jdbc) {
    this.jdbc = new NamedParameterJdbcTemplate(new CustomPlanJdbcTemplate(jdbc.getDataSource()));
    String epoch = epochSecondsOf(jdbc);
    this.factsSql = "SELECT lead_id, cycle, source, team, first_owner, " + String.format(epoch, "started_at") + ", "
        + String.format(epoch, "ended_at") + ", disposition, " + String.format(epoch, "response_deadline") + ", "
        + String.format(epoch, "first_attempt_at") + ", " + String.format(epoch, "first_contact_at")
        + ", attempts_to_contact, " + String.format(epoch, "qualified_at") + ", CASE WHEN reason LIKE '"
        + OpportunityHandoff.REJECTED + "%' THEN 1 ELSE 0 END FROM lead_cycle "
        + "WHERE started_at >= :from AND started_at < :to AND response_deadline IS NOT NULL";
    this.cadenceColumns = String.format(epoch, "d.started_at") + ", d.planned_touches, d.planned_days, d.touches, "
        + String.format(epoch, "d.ended_at");
  }

  /**
   * Times travel as whole epoch seconds: decoding 100,000s of timestamps was most of a month's report on
   * PostgreSQL, and date_part (a double) is cheaper there than EXTRACT (a numeric), which H2 needs.
   */
  private static String epochSecondsOf(JdbcTemplate jdbc) {
    return DatabaseKind.isPostgres(jdbc.getDataSource()) ? "CAST(FLOOR(date_part('epoch', %s)) AS BIGINT)"
        : "CAST(FLOOR(EXTRACT(EPOCH FROM %s)) AS BIGINT)";
  }

  /**
   * Hands every cycle of the filter to {@code action}, keeping none: one range over lead_cycle,
   * whose report columns are kept as things happen. A month of all teams is 100,000s of cycles; holding them all
   * made the garbage collector copy them and cost more than the query.
   */
  public void eachCycle(ReportFilter filter, Consumer<LeadCycleFacts> action) {
    eachCycle(filter, "", action);
  }

  /** As {@link #eachCycle(ReportFilter, Consumer)}, in start order (a sort the metrics do not need). */
  public void eachCycleInStartOrder(ReportFilter filter, Consumer<LeadCycleFacts> action) {
    eachCycle(filter, " ORDER BY started_at, lead_id", action);
  }

  private void eachCycle(ReportFilter filter, String order, Consumer<LeadCycleFacts> action) {
    String sql = factsSql + narrowedTo(filter, "team", "first_owner", "source", "cycle") + order;
    jdbc.query(sql, params(filter), (RowCallbackHandler) rs -> action.accept(new LeadCycleFacts(
        rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6),
        instant(rs, 7), rs.getString(8), instant(rs, 9), instant(rs, 10), instant(rs, 11), rs.getInt(12),
        instant(rs, 13), rs.getInt(14) == 1)));
  }

  /**
   * What happened in the period regardless of when the cycles started: SLA breaches per stage, level and rep (runs
   * of a stage clock whose deadline fell in the period and passed unmet; paused runs are not judged; the level
   * {@code executives} counts those of them the executives were told of), reassignments, pauses, re-engagement
   * and reasons of the cycles that ended in the period; and the leads open right now per stage with their age
   * (the "black holes"). Each is aggregated by the database. The filter's team, rep and cycle narrow each to the
   * clock's team and owner, the rep a lead was taken from, the pausing rep, the cycle's first owner.
   */
  public Operations operations(ReportFilter filter, Instant now) {
    MapSqlParameterSource params = params(filter).addValue("now", Timestamp.from(now));
    String clocks = narrowedTo(filter, "owner_group", "owner", null, "cycle");

    Map<String, long[]> breachesByStage = new TreeMap<>();   // missed (manager level), executives told
    Map<String, Long> breachesByRep = new TreeMap<>();
    jdbc.query("SELECT stage, owner, COUNT(*) AS missed, COUNT(escalated_at) AS escalated FROM sla_clock "
        + "WHERE deadline >= :from AND deadline < :to AND " + SlaClockLog.MISSED + clocks + " GROUP BY stage, owner", params, rs -> {
          long[] levels = breachesByStage.computeIfAbsent(rs.getString("stage"), k -> new long[2]);
          levels[0] += rs.getLong("missed");
          levels[1] += rs.getLong("escalated");
          breachesByRep.merge(rs.getString("owner") == null ? MorningReportQueries.TEAM_QUEUE : rs.getString("owner"),
              rs.getLong("missed"), Long::sum);
        });

    Map<String, Long> reassignments = new TreeMap<>();
    // a reassignment takes the lead from one owner of the team: not a stage's first owner (the hand-off to an AE
    // names the SDR it leaves), not a claim from the queue
    jdbc.query("SELECT reason, COUNT(*) AS n FROM lead_assignment WHERE kind = 'reassigned' "
        + "AND assigned_at >= :from AND assigned_at < :to" + narrowedTo(filter, "team", "from_owner", null, "cycle")
        + " GROUP BY reason", params, rs -> {
          reassignments.put(rs.getString("reason"), rs.getLong("n"));
        });

    Map<String, Long> pauses = new TreeMap<>();
    jdbc.query("SELECT stage, COUNT(*) AS n FROM sla_pause WHERE paused_at >= :from AND paused_at < :to" + clocks
        + " GROUP BY stage", params, rs -> {
          pauses.put(rs.getString("stage"), rs.getLong("n"));
        });

    // cycles that ended in nurture in the period, and how many of their leads came back with a later cycle
    String cycles = narrowedTo(filter, "c.team", "c.first_owner", null, "c.cycle");
    Reengagement reengagement = jdbc.queryForObject("SELECT COUNT(*) AS nurtured, COUNT(c.next_cycle_at) AS "
        + "came_back FROM lead_cycle c WHERE c.disposition = 'nurture' AND c.ended_at >= :from AND c.ended_at < :to"
        + cycles, params, (rs, i) -> new Reengagement(rs.getLong("nurtured"), rs.getLong("came_back"),
            rate(rs.getLong("came_back"), rs.getLong("nurtured"))));
    List<Reason> reasons = new ArrayList<>();
    jdbc.query("SELECT c.disposition, c.reason, COUNT(*) AS n FROM lead_cycle c WHERE c.ended_at >= :from "
        + "AND c.ended_at < :to AND c.reason IS NOT NULL" + cycles + " GROUP BY c.disposition, c.reason "
        + "ORDER BY n DESC, c.disposition, c.reason FETCH FIRST 10 ROWS ONLY", params, rs -> {
          reasons.add(new Reason(rs.getString("disposition"), rs.getString("reason"), rs.getLong("n")));
        });
    Map<String, BreachLevels> breaches = new TreeMap<>();
    breachesByStage.forEach((stage, levels) -> breaches.put(stage, new BreachLevels(levels[0], levels[1])));
    // the hand-offs to account executives: the hand-off stage's first pick (the SDR it leaves is from_owner)
    Long handoffs = jdbc.queryForObject("SELECT COUNT(*) FROM lead_assignment WHERE kind = 'first' "
        + "AND stage = 'handoff' AND assigned_at >= :from AND assigned_at < :to"
        + narrowedTo(filter, "team", "from_owner", null, "cycle"), params, Long.class);
    return new Operations(filter, breaches, breachesByRep, reassignments, handoffs == null ? 0 : handoffs, pauses,
        reengagement, reasons, openByStage(filter, now), waitingNow(filter.team(), now));
  }

  /** The operations report's body: what happened in the period, and the leads open now. */
  public record Operations(ReportFilter filter, Map<String, BreachLevels> breachesByStageAndLevel,
      Map<String, Long> breachesByRep, Map<String, Long> reassignmentsByReason, long handoffsToAccountExecutives,
      Map<String, Long> pausesByStage,
      Reengagement reengagement, List<Reason> topReasons, Map<String, OpenStage> openByStage,
      Map<String, Waiting> waitingNow) {}

  /**
   * Leads waiting in one place now: how many, since when the longest has waited there (seconds), and the
   * soonest deadline there (a stage clock's deadline, a pause's end; none for a cadence, nurture or a start).
   */
  public record Waiting(long leads, long oldestSeconds, Instant nextDeadline) {}

  /** Missed deadlines of a stage: all of them (the manager's level) and those the executives were told of. */
  public record BreachLevels(long manager, long executives) {}

  /** Cycles that ended in nurture in the period, how many of their leads came back, and the rate. */
  public record Reengagement(long nurtured, long cameBack, Double rate) {}

  public record Reason(String disposition, String reason, long cycles) {}

  /** Leads on a stage's clock now: how many, the oldest's age, and how many by age. */
  public record OpenStage(long open, long oldestSeconds, Map<String, Long> byAge) {}

  /** Cadences on target and behind, and the compliance rate (null without cadences). */
  public record Cadence(long onTarget, long behind, Double complianceRate) {}

  /** The period and the filter's team, rep, source and cycle as the parameters {@link #narrowedTo} refers to. */
  private static MapSqlParameterSource params(ReportFilter filter) {
    return new MapSqlParameterSource("from", Timestamp.from(filter.start()))
        .addValue("to", Timestamp.from(filter.end())).addValue("team", filter.team())
        .addValue("rep", filter.rep()).addValue("source", filter.source()).addValue("cycle", filter.cycle());
  }

  /**
   * The filter's team, rep, source and cycle as conditions on a table's columns for them; a null column is one the
   * report does not narrow by (its endpoint does not take that filter).
   */
  private static String narrowedTo(ReportFilter filter, String team, String rep, String source, String cycle) {
    return condition(filter.team(), team, "team") + condition(filter.rep(), rep, "rep")
        + condition(filter.source(), source, "source") + condition(filter.cycle(), cycle, "cycle");
  }

  private static String condition(Object value, String column, String parameter) {
    return value == null || column == null ? "" : " AND " + column + " = :" + parameter;
  }

  /** Every lead that is not ended, by where it waits now (see {@link WaitingPlaces}), with the longest wait there. */
  private Map<String, Waiting> waitingNow(String team, Instant now) {
    MapSqlParameterSource params = new MapSqlParameterSource("now", Timestamp.from(now)).addValue("team", team);
    Map<String, Waiting> waiting = new LinkedHashMap<>();
    WaitingPlaces.PLACES.forEach(place -> waiting.put(place, new Waiting(0, 0, null)));
    jdbc.query("SELECT place, COUNT(*) AS n, MIN(since) AS since, MIN(due) AS due FROM ("
        + WaitingPlaces.rows(team) + ") w GROUP BY place", params, rs -> {
          Timestamp due = rs.getTimestamp("due");
          waiting.put(rs.getString("place"), new Waiting(rs.getLong("n"),
              Duration.between(rs.getTimestamp("since").toInstant(), now).toSeconds(),
              due == null ? null : due.toInstant()));
        });
    return waiting;
  }

  /** The running stage clocks of open cycles per stage: how many, the oldest, and how many by age. */
  private Map<String, OpenStage> openByStage(ReportFilter filter, Instant now) {
    MapSqlParameterSource params = params(filter).addValue("now", Timestamp.from(now));
    StringBuilder ages = new StringBuilder();
    for (int i = 0; i < AGE_BUCKETS.size() - 1; i++) {   // started after now - bound: younger than the bound
      params.addValue("age" + i, Timestamp.from(now.minus(AGE_BUCKETS.get(i).getValue())));
      ages.append(", SUM(CASE WHEN k.started_at > :age").append(i).append(" THEN 1 ELSE 0 END) AS younger").append(i);
    }
    Map<String, OpenStage> open = new TreeMap<>();
    jdbc.query("SELECT k.stage, COUNT(*) AS n, MIN(k.started_at) AS oldest" + ages + " FROM sla_clock k "
        + "JOIN lead_cycle c ON c.lead_id = k.lead_id AND c.cycle = k.cycle WHERE " + WaitingPlaces.ON_A_RUNNING_CLOCK
        + narrowedTo(filter, "k.owner_group", "k.owner", null, "k.cycle") + " GROUP BY k.stage", params, rs -> {
          long count = rs.getLong("n");
          Map<String, Long> byAge = new LinkedHashMap<>();
          long younger = 0;
          for (int i = 0; i < AGE_BUCKETS.size(); i++) {
            long upToBound = i < AGE_BUCKETS.size() - 1 ? rs.getLong("younger" + i) : count;
            byAge.put(AGE_BUCKETS.get(i).getKey(), upToBound - younger);
            younger = upToBound;
          }
          open.put(rs.getString("stage"), new OpenStage(count,
              Math.max(0, Duration.between(rs.getTimestamp("oldest").toInstant(), now).toSeconds()), byAge));
        });
    return open;
  }

  /**
   * Cadence compliance: of the cadences started in the period, those on target (at least as many touches as the
   * plan expects by now, or by the end of the cadence) and those behind. A cadence ends at the first live
   * conversation, at the end of its days, or with the cycle; the touches are those made until it ended. The
   * filter's team, rep, source and cycle are those of the cadence's cycle.
   */
  public Cadence cadence(ReportFilter filter, Instant now) {
    StringBuilder sql = new StringBuilder("SELECT " + cadenceColumns + " FROM lead_cadence d");
    if (filter.rep() != null || filter.source() != null) {   // the cycle's first owner and source
      sql.append(" JOIN lead_cycle c ON c.lead_id = d.lead_id AND c.cycle = d.cycle");
    }
    sql.append(" WHERE d.started_at >= :from AND d.started_at < :to")
        .append(narrowedTo(filter, "d.team", "c.first_owner", "c.source", "d.cycle"));
    long[] counts = new long[2];
    jdbc.query(sql.toString(), params(filter), rs -> {
      CadencePlan plan = new CadencePlan(instant(rs, 1), rs.getInt(2), rs.getInt(3));
      int expected = plan.touchesExpectedBy(earliest(now, plan.endsAt(), instant(rs, 5)));
      counts[rs.getInt(4) >= expected ? 0 : 1]++;
    });
    return new Cadence(counts[0], counts[1], rate(counts[0], counts[0] + counts[1]));
  }

  private static Instant earliest(Instant first, Instant second, Instant third) {
    Instant earliest = first.isBefore(second) ? first : second;
    return third != null && third.isBefore(earliest) ? third : earliest;
  }

  /** Ages of open leads: upper bounds, exclusive; the last bucket is everything older. */
  static final List<Map.Entry<String, Duration>> AGE_BUCKETS = List.of(
      Map.entry("< 1 h", Duration.ofHours(1)),
      Map.entry("1-24 h", Duration.ofDays(1)),
      Map.entry("1-7 d", Duration.ofDays(7)),
      Map.entry("> 7 d", Duration.ofDays(36_500)));

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
    for (Map.Entry<String, Duration> bucket : BUCKETS) {
      if (speed.compareTo(bucket.getValue()) < 0) {
        return bucket.getKey();
      }
    }
    throw new IllegalStateException("no response-time bucket for " + speed);
  }

  /** Where the nearest-rank {@code percent}ile sits among {@code size} sorted values (size at least 1). */
  static int nearestRank(int size, int percent) {
    return Math.max(0, (int) Math.ceil(percent / 100.0 * size) - 1);
  }

  static Double rate(long part, long whole) {
    return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    long epochSecond = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochSecond(epochSecond);
  }

}
