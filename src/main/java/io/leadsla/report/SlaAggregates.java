package io.leadsla.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The same metrics as {@link SlaMetrics#summary} and {@link SlaMetrics#trend}, aggregated by the database from
 * the cycles' report columns: the dashboard gets a handful of rows instead of every cycle of the period. Same
 * definitions (a test holds both to the same answer). Counts and rates are SQL aggregates; the percentiles come
 * from one narrow read of the durations (H2's PERCENTILE_DISC is not nearest-rank, so SQL cannot do it alike).
 */
@Repository
public class SlaAggregates {

  private static final String BUCKET = "CASE WHEN first_attempt_seconds IS NULL THEN 'no touch' "
      + "WHEN first_attempt_seconds < 300 THEN '< 5 min' WHEN first_attempt_seconds < 3600 THEN '5-60 min' "
      + "WHEN first_attempt_seconds < 86400 THEN '1-24 h' ELSE '> 24 h' END";
  private static final String DECIDED = "(qualified_at IS NOT NULL OR ended_at IS NOT NULL)";

  private final NamedParameterJdbcTemplate jdbc;

  SlaAggregates(JdbcTemplate jdbc) {
    this.jdbc = new NamedParameterJdbcTemplate(jdbc);
  }

  public Map<String, Object> summary(ReportFilter filter, Instant now) {
    MapSqlParameterSource params = params(filter).addValue("now", Timestamp.from(now));
    String where = where(filter);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("timeBasis", "wall clock, from the start of the lead cycle");
    jdbc.query("SELECT COUNT(*) AS leads_in, "
        + "SUM(CASE WHEN first_attempt_at IS NOT NULL THEN 1 ELSE 0 END) AS picked_up, "
        + "SUM(CASE WHEN first_attempt_at IS NOT NULL OR response_deadline <= :now THEN 1 ELSE 0 END) AS judged, "
        + "SUM(CASE WHEN first_attempt_at <= response_deadline THEN 1 ELSE 0 END) AS in_time "
        + "FROM lead_cycle" + where, params, rs -> {
          long leadsIn = rs.getLong("leads_in");
          long pickedUp = rs.getLong("picked_up");
          out.put("leadsIn", leadsIn);
          out.put("pickedUp", pickedUp);
          out.put("pickUpRate", SlaMetrics.rate(pickedUp, leadsIn));
          out.put("firstTouchCompliance", SlaMetrics.rate(rs.getLong("in_time"), rs.getLong("judged")));
        });
    Durations durations = durations(where, params);
    out.put("speedToFirstAttempt", spread(durations.firstAttempt(), "Seconds"));
    out.put("speedToContact", spread(durations.firstContact(), "Seconds"));
    out.put("attemptsToContact", spread(durations.attempts(), ""));
    out.put("speedToQualify", spread(durations.qualify(), "Seconds"));
    out.put("qualificationRateBySource", rates("source", where, params, List.of()));
    List<String> buckets = new ArrayList<>(SlaMetrics.BUCKETS.stream().map(Map.Entry::getKey).toList());
    buckets.add(SlaMetrics.NO_TOUCH);
    out.put("conversionByResponseBucket", rates(BUCKET, where, params, buckets));
    Map<String, Long> distribution = new LinkedHashMap<>();
    buckets.forEach(bucket -> distribution.put(bucket, 0L));
    jdbc.query("SELECT " + BUCKET + " AS grp, COUNT(*) AS n FROM lead_cycle" + where + " GROUP BY " + BUCKET, params,
        rs -> {
          distribution.put(rs.getString("grp"), rs.getLong("n"));
        });
    out.put("responseTimeDistribution", distribution);
    Map<String, Long> dispositions = new TreeMap<>();
    jdbc.query("SELECT disposition, COUNT(*) AS n FROM lead_cycle" + where + " AND disposition IS NOT NULL "
        + "GROUP BY disposition", params, rs -> {
          dispositions.put(rs.getString("disposition"), rs.getLong("n"));
        });
    out.put("dispositions", dispositions);
    Map<Integer, Long> perCycle = new TreeMap<>();
    jdbc.query("SELECT cycle, COUNT(*) AS n FROM lead_cycle" + where + " GROUP BY cycle", params, rs -> {
      perCycle.put(rs.getInt("cycle"), rs.getLong("n"));
    });
    out.put("leadsPerCycleNumber", perCycle);
    Map<String, Object> byCycle = new LinkedHashMap<>();
    byCycle.put("cycle1", cycleGroup(where + " AND cycle = 1", params, durations.firstAttemptOfCycle1()));
    byCycle.put("later", cycleGroup(where + " AND cycle > 1", params, durations.firstAttemptOfLater()));
    out.put("firstCycleVersusLater", byCycle);
    return out;
  }

  /** Per day of the period (in its zone): one indexed range count per day. */
  public List<Map<String, Object>> trend(ReportFilter filter, Instant now) {
    List<Map<String, Object>> days = new ArrayList<>();
    String where = where(filter).replace("started_at >= :from AND started_at < :to", "started_at >= :dayFrom "
        + "AND started_at < :dayTo");
    for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
      MapSqlParameterSource params = params(filter).addValue("now", Timestamp.from(now))
          .addValue("dayFrom", Timestamp.from(day.atStartOfDay(filter.zone()).toInstant()))
          .addValue("dayTo", Timestamp.from(day.plusDays(1).atStartOfDay(filter.zone()).toInstant()));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("day", day.toString());
      jdbc.query("SELECT COUNT(*) AS leads_in, "
          + "SUM(CASE WHEN first_attempt_at IS NOT NULL THEN 1 ELSE 0 END) AS picked_up, "
          + "SUM(CASE WHEN first_attempt_at IS NOT NULL OR response_deadline <= :now THEN 1 ELSE 0 END) AS judged, "
          + "SUM(CASE WHEN first_attempt_at <= response_deadline THEN 1 ELSE 0 END) AS in_time "
          + "FROM lead_cycle" + where, params, rs -> {
            row.put("leadsIn", rs.getLong("leads_in"));
            row.put("pickUpRate", SlaMetrics.rate(rs.getLong("picked_up"), rs.getLong("leads_in")));
            row.put("firstTouchCompliance", SlaMetrics.rate(rs.getLong("in_time"), rs.getLong("judged")));
          });
      days.add(row);
    }
    return days;
  }

  private Map<String, Object> cycleGroup(String where, MapSqlParameterSource params, List<Long> firstAttempts) {
    Map<String, Object> group = new LinkedHashMap<>();
    jdbc.query("SELECT COUNT(*) AS leads, SUM(CASE WHEN first_attempt_at IS NOT NULL THEN 1 ELSE 0 END) AS picked_up "
        + "FROM lead_cycle" + where, params, rs -> {
          group.put("leads", rs.getLong("leads"));
          group.put("pickUpRate", SlaMetrics.rate(rs.getLong("picked_up"), rs.getLong("leads")));
        });
    group.put("speedToFirstAttempt", spread(firstAttempts, "Seconds"));
    return group;
  }

  /** The durations of the period's cycles that have any, sorted, for nearest-rank percentiles. */
  record Durations(List<Long> firstAttempt, List<Long> firstContact, List<Long> attempts, List<Long> qualify,
      List<Long> firstAttemptOfCycle1, List<Long> firstAttemptOfLater) {}

  private Durations durations(String where, MapSqlParameterSource params) {
    Durations d = new Durations(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
        new ArrayList<>(), new ArrayList<>());
    jdbc.query("SELECT cycle, first_attempt_seconds, first_contact_seconds, attempts_to_contact, qualify_seconds "
        + "FROM lead_cycle" + where + " AND (first_attempt_seconds IS NOT NULL OR qualify_seconds IS NOT NULL)",
        params, rs -> {
          Long firstAttempt = number(rs, "first_attempt_seconds");
          if (firstAttempt != null) {
            d.firstAttempt().add(firstAttempt);
            (rs.getInt("cycle") == 1 ? d.firstAttemptOfCycle1() : d.firstAttemptOfLater()).add(firstAttempt);
          }
          Long firstContact = number(rs, "first_contact_seconds");
          if (firstContact != null) {
            d.firstContact().add(firstContact);
            d.attempts().add(rs.getLong("attempts_to_contact"));
          }
          Long qualify = number(rs, "qualify_seconds");
          if (qualify != null) {
            d.qualify().add(qualify);
          }
        });
    return d;
  }

  private Map<String, Map<String, Object>> rates(String group, String where, MapSqlParameterSource params,
      List<String> order) {
    Map<String, long[]> counts = new TreeMap<>();
    order.forEach(key -> counts.put(key, new long[2]));
    jdbc.query("SELECT " + group + " AS grp, COUNT(*) AS decided, "
        + "SUM(CASE WHEN qualified_at IS NOT NULL THEN 1 ELSE 0 END) AS qualified FROM lead_cycle" + where
        + " AND " + DECIDED + " GROUP BY " + group, params, rs -> {
          counts.put(rs.getString("grp"), new long[] {rs.getLong("decided"), rs.getLong("qualified")});
        });
    List<String> keys = new ArrayList<>(order);
    counts.keySet().stream().filter(k -> !order.contains(k)).forEach(keys::add);
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String key : keys) {
      long[] n = counts.get(key);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("decided", n[0]);
      row.put("qualified", n[1]);
      row.put("rate", SlaMetrics.rate(n[1], n[0]));
      out.put(key, row);
    }
    return out;
  }

  /** n, median and 90th percentile (nearest rank), under the keys SlaMetrics uses. */
  private static Map<String, Object> spread(List<Long> values, String unit) {
    List<Long> sorted = values.stream().sorted().toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", sorted.size());
    out.put("median" + unit, nearestRank(sorted, 50));
    out.put("p90" + unit, nearestRank(sorted, 90));
    return out;
  }

  private static Long nearestRank(List<Long> sorted, int percent) {
    return sorted.isEmpty() ? null : sorted.get((int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
  }

  private static Long number(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static MapSqlParameterSource params(ReportFilter filter) {
    return new MapSqlParameterSource("from", Timestamp.from(filter.start()))
        .addValue("to", Timestamp.from(filter.end())).addValue("team", filter.team()).addValue("rep", filter.rep())
        .addValue("source", filter.source()).addValue("cycle", filter.cycle());
  }

  private static String where(ReportFilter filter) {
    return " WHERE started_at >= :from AND started_at < :to AND response_deadline IS NOT NULL"
        + (filter.team() == null ? "" : " AND team = :team")
        + (filter.rep() == null ? "" : " AND first_owner = :rep")
        + (filter.source() == null ? "" : " AND source = :source")
        + (filter.cycle() == null ? "" : " AND cycle = :cycle");
  }
}
