package io.leadsla.report;

import java.time.Duration;
import java.time.Instant;

/** What one lead cycle did, the raw material of every metric. Null where it did not happen (yet). */
record LeadCycleFacts(
    String leadId,
    int cycle,
    String source,
    String team,
    String rep,
    Instant startedAt,
    Instant endedAt,
    String disposition,
    Instant responseDeadline,
    Instant firstAttempt,
    Instant firstContact,
    int attemptsToContact,
    Instant qualifiedAt,
    /** The account executive rejected the hand-off (the cycle's reason says so). */
    boolean rejectedByAccountExecutive) {

  Duration toFirstAttempt() {
    return firstAttempt == null ? null : Duration.between(startedAt, firstAttempt);
  }

  boolean qualified() {
    return qualifiedAt != null;
  }
}
