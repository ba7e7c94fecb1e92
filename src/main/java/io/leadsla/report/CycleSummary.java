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
  private long handedOffDecided;
  private long acceptedByAe;
  private final Map<String, long[]> acceptanceBySource = new TreeMap<>();   // decided by the AE, accepted
  private final Seconds toAcceptance = new Seconds();
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
    CycleMetrics.BUCKET_LABELS.forEach(bucket -> byBucket.put(bucket, new long[3]));
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
      boolean accepted = "qualified".equals(c.disposition());
      // the account executive decided: accepted (ended qualified) or rejected; not a hand-off's expiry or a
      // manager's end
      if (c.endedAt() != null && (accepted || c.rejectedByAccountExecutive())) {
        handedOffDecided++;
        acceptedByAe += accepted ? 1 : 0;
        long[] source = acceptanceBySource.computeIfAbsent(c.source(), k -> new long[2]);
        source[0]++;
        source[1] += accepted ? 1 : 0;
        if (accepted) {
          toAcceptance.add(c.endedAt().getEpochSecond() - c.qualifiedAt().getEpochSecond());
        }
      }
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

  /** The cycle metrics of the period; rates are null where there is nothing to divide by. */
  record Cycles(String timeBasis, long leadsIn, long pickedUp, Double pickUpRate, Double firstTouchCompliance,
      Durations speedToFirstAttempt, Durations speedToContact, Counts attemptsToContact, Durations speedToQualify,
      QualificationRate qualifiedBySdr, Map<String, QualificationRate> qualificationRateBySource,
      Map<String, QualificationRate> conversionByResponseBucket, Map<String, Long> responseTimeDistribution,
      Map<String, Long> dispositions, Map<Integer, Long> leadsPerCycleNumber, CycleGroups firstCycleVersusLater,
      AcceptanceRate acceptedByAccountExecutive, Map<String, AcceptanceRate> acceptedByAccountExecutiveBySource,
      Durations speedToAcceptance) {}

  /**
   * Of the cycles the SDR qualified (handed off) whose account executive has decided (accepted, or rejected
   * with a reason), those the AE accepted:
   * qualified by the SDR is the qualification rate, accepted by the AE is this.
   */
  record AcceptanceRate(long decided, long accepted, Double rate) {
    AcceptanceRate(long decided, long accepted) {
      this(decided, accepted, CycleMetrics.rate(accepted, decided));
    }
  }

  /** How many durations, their median and 90th percentile in seconds (null of none). */
  record Durations(int n, Long medianSeconds, Long p90Seconds) {}

  /** How many counts, their median and 90th percentile (null of none). */
  record Counts(int n, Long median, Long p90) {}

  record QualificationRate(long decided, long qualified, Double rate) {
    QualificationRate(long decided, long qualified) {
      this(decided, qualified, CycleMetrics.rate(qualified, decided));
    }
  }

  record CycleGroups(CycleGroup cycle1, CycleGroup later) {}

  record CycleGroup(long leads, Double pickUpRate, Durations speedToFirstAttempt) {}

  Cycles result() {
    Map<String, QualificationRate> sourceRates = new LinkedHashMap<>();
    long[] overall = new long[2];
    bySource.forEach((source, counts) -> {
      sourceRates.put(source, new QualificationRate(counts[0], counts[1]));
      overall[0] += counts[0];
      overall[1] += counts[1];
    });
    Map<String, QualificationRate> bucketRates = new LinkedHashMap<>();
    Map<String, Long> distribution = new LinkedHashMap<>();
    byBucket.forEach((bucket, counts) -> {
      bucketRates.put(bucket, new QualificationRate(counts[1], counts[2]));
      distribution.put(bucket, counts[0]);
    });
    return new Cycles("wall clock, from the start of the lead cycle", leadsIn, pickedUp,
        CycleMetrics.rate(pickedUp, leadsIn), CycleMetrics.rate(inTime, judged), toFirstAttempt.durations(),
        toContact.durations(), attemptsToContact.counts(), toQualify.durations(),
        new QualificationRate(overall[0], overall[1]), sourceRates, bucketRates,
        distribution, dispositions, perCycleNumber,
        new CycleGroups(cycleGroup(firstCycleLeads, firstCyclePickedUp, firstCycleToFirstAttempt),
            cycleGroup(leadsIn - firstCycleLeads, pickedUp - firstCyclePickedUp, laterCyclesToFirstAttempt)),
        new AcceptanceRate(handedOffDecided, acceptedByAe),
        acceptanceRates(), toAcceptance.durations());
  }

  private Map<String, AcceptanceRate> acceptanceRates() {
    Map<String, AcceptanceRate> rates = new TreeMap<>();
    acceptanceBySource.forEach((source, counts) -> rates.put(source, new AcceptanceRate(counts[0], counts[1])));
    return rates;
  }

  private static CycleGroup cycleGroup(long leads, long pickedUp, Seconds toFirstAttempt) {
    return new CycleGroup(leads, CycleMetrics.rate(pickedUp, leads), toFirstAttempt.durations());
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

    Durations durations() {
      sort();
      return new Durations(size, rank(50), rank(90));
    }

    Counts counts() {
      sort();
      return new Counts(size, rank(50), rank(90));
    }

    private void sort() {
      Arrays.sort(values, 0, size);   // primitive sort: a month's report sorts a few 100,000 values
    }

    private Long rank(int percent) {
      return size == 0 ? null : values[CycleMetrics.nearestRank(size, percent)];
    }
  }
}
