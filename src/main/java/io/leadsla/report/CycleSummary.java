package io.leadsla.report;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cycle metrics of {@link CycleMetrics} (definitions there and in the README), gathered in one pass over the
 * cycles: a month of all teams is 100,000s of them, so no stream per metric and no boxed durations.
 */
final class CycleSummary {

  private final Instant now;
  private final Seconds toFirstAttempt;
  private final Seconds toContact;
  private final Seconds toQualify;
  private final Seconds attemptsToContact;
  private final Seconds firstCycleToFirstAttempt;
  private final Seconds laterCyclesToFirstAttempt;
  private long leadsIn;
  private long pickedUp;
  private long judged;
  private long inTime;
  private long firstCycleLeads;
  private long firstCyclePickedUp;
  private final Map<String, long[]> bySource = new TreeMap<>();   // decided, qualified
  private final Map<String, long[]> byBucket = new LinkedHashMap<>();   // leads, decided, qualified
  private final Map<String, Long> dispositions = new TreeMap<>();
  private final Map<Integer, Long> perCycleNumber = new TreeMap<>();

  CycleSummary(Instant now) {
    this.now = now;
    toFirstAttempt = new Seconds();
    toContact = new Seconds();
    toQualify = new Seconds();
    attemptsToContact = new Seconds();
    firstCycleToFirstAttempt = new Seconds();
    laterCyclesToFirstAttempt = new Seconds();
    CycleMetrics.BUCKETS.forEach(bucket -> byBucket.put(bucket.getKey(), new long[3]));
    byBucket.put(CycleMetrics.NO_TOUCH, new long[3]);
  }

  void add(LeadCycleFacts c) {
    leadsIn++;
    long start = c.startedAt().getEpochSecond();
    boolean firstCycle = c.cycle() == 1;
    if (c.firstAttempt() != null) {
      long seconds = c.firstAttempt().getEpochSecond() - start;
      pickedUp++;
      toFirstAttempt.add(seconds);
      (firstCycle ? firstCycleToFirstAttempt : laterCyclesToFirstAttempt).add(seconds);
    }
    if (firstCycle) {
      firstCycleLeads++;
      firstCyclePickedUp += c.firstAttempt() != null ? 1 : 0;
    }
    if (CycleMetrics.judged(c, now)) {
      judged++;
      inTime += CycleMetrics.inTime(c) ? 1 : 0;
    }
    if (c.firstContact() != null) {
      toContact.add(c.firstContact().getEpochSecond() - start);
      attemptsToContact.add(c.attemptsToContact());
    }
    if (c.qualifiedAt() != null) {
      toQualify.add(c.qualifiedAt().getEpochSecond() - start);
    }
    long[] bucket = byBucket.get(CycleMetrics.bucket(c));
    bucket[0]++;
    if (c.qualified() || c.endedAt() != null) {   // decided: qualified or ended
      long qualified = c.qualified() ? 1 : 0;
      long[] source = bySource.computeIfAbsent(c.source(), k -> new long[2]);
      source[0]++;
      source[1] += qualified;
      bucket[1]++;
      bucket[2] += qualified;
    }
    if (c.disposition() != null) {
      dispositions.merge(c.disposition(), 1L, Long::sum);
    }
    perCycleNumber.merge(c.cycle(), 1L, Long::sum);
  }

  Map<String, Object> result() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("timeBasis", "wall clock, from the start of the lead cycle");
    out.put("leadsIn", leadsIn);
    out.put("pickedUp", pickedUp);
    out.put("pickUpRate", CycleMetrics.rate(pickedUp, leadsIn));
    out.put("firstTouchCompliance", CycleMetrics.rate(inTime, judged));
    out.put("speedToFirstAttempt", toFirstAttempt.spread("Seconds"));
    out.put("speedToContact", toContact.spread("Seconds"));
    out.put("attemptsToContact", attemptsToContact.spread(""));
    out.put("speedToQualify", toQualify.spread("Seconds"));
    Map<String, Map<String, Object>> sourceRates = new LinkedHashMap<>();
    bySource.forEach((source, counts) -> sourceRates.put(source, qualificationRate(counts[0], counts[1])));
    out.put("qualificationRateBySource", sourceRates);
    Map<String, Map<String, Object>> bucketRates = new LinkedHashMap<>();
    Map<String, Long> distribution = new LinkedHashMap<>();
    byBucket.forEach((bucket, counts) -> {
      bucketRates.put(bucket, qualificationRate(counts[1], counts[2]));
      distribution.put(bucket, counts[0]);
    });
    out.put("conversionByResponseBucket", bucketRates);
    out.put("responseTimeDistribution", distribution);
    out.put("dispositions", dispositions);
    out.put("leadsPerCycleNumber", perCycleNumber);
    Map<String, Object> byCycle = new LinkedHashMap<>();
    byCycle.put("cycle1", cycleGroup(firstCycleLeads, firstCyclePickedUp, firstCycleToFirstAttempt));
    byCycle.put("later", cycleGroup(leadsIn - firstCycleLeads, pickedUp - firstCyclePickedUp,
        laterCyclesToFirstAttempt));
    out.put("firstCycleVersusLater", byCycle);
    return out;
  }

  private static Map<String, Object> qualificationRate(long decided, long qualified) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("decided", decided);
    row.put("qualified", qualified);
    row.put("rate", CycleMetrics.rate(qualified, decided));
    return row;
  }

  private static Map<String, Object> cycleGroup(long leads, long pickedUp, Seconds toFirstAttempt) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("leads", leads);
    group.put("pickUpRate", CycleMetrics.rate(pickedUp, leads));
    group.put("speedToFirstAttempt", toFirstAttempt.spread("Seconds"));
    return group;
  }

  /** Values of one measure, for its median and 90th percentile (nearest rank). */
  private static final class Seconds {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    /** {@code n}, {@code median<unit>} and {@code p90<unit>}; null percentiles of no values. */
    Map<String, Object> spread(String unit) {
      Arrays.sort(values, 0, size);   // primitive sort: a month's report sorts a few 100,000 values
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("n", size);
      out.put("median" + unit, size == 0 ? null : values[CycleMetrics.nearestRank(size, 50)]);
      out.put("p90" + unit, size == 0 ? null : values[CycleMetrics.nearestRank(size, 90)]);
      return out;
    }
  }
}
