package io.leadsla.intake;

/** An HTTP answer of the intake API, as sent and as stored for an Idempotency-Key. */
record IntakeResponse(int status, String body) {}
