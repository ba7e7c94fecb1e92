package io.leadsla.clock;

import java.time.Instant;

/** The moments a stage clock acts on: warn the owner, miss the deadline, tell the manager, the executives, expire. */
public record SlaDeadlines(
    Instant startedAt, Instant deadline, Instant warningAt, Instant breachAt, Instant executiveAt, Instant expiresAt) {}
