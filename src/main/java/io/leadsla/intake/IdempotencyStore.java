package io.leadsla.intake;

import io.leadsla.OwnTransaction;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code intake_request}: a key is claimed before the lead is processed (in a transaction of its own, so a
 * parallel request with the same key sees it at once) and completed with the answer in the intake transaction.
 */
@Repository
class IdempotencyStore {

  /** A claim older than this was left by a crashed request and may be taken over. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

  record Request(String bodyHash, int status, String response, Instant createdAt) {
    boolean completed() {
      return status > 0;
    }
  }

  private final JdbcTemplate jdbc;
  private final OwnTransaction ownTransaction;

  IdempotencyStore(JdbcTemplate jdbc, OwnTransaction ownTransaction) {
    this.jdbc = jdbc;
    this.ownTransaction = ownTransaction;
  }

  Optional<Request> find(String key) {
    List<Request> found = jdbc.query("SELECT body_hash, status, response, created_at FROM intake_request WHERE idempotency_key = ?",
        (rs, i) -> new Request(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant()), key);
    return found.stream().findFirst();
  }

  /** True if this request now owns the key; false if another request claimed it first. */
  boolean claim(String key, String bodyHash, Instant now) {
    try {
      ownTransaction.run(() -> jdbc.update(
          "INSERT INTO intake_request (idempotency_key, body_hash, status, created_at) VALUES (?, ?, 0, ?)",
          key, bodyHash, Timestamp.from(now)));
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  /** Takes over a claim that was never completed; true if it was still abandoned. */
  boolean reclaim(String key, Instant claimedAt, Instant now) {
    return ownTransaction.call(() -> jdbc.update(
        "UPDATE intake_request SET created_at = ? WHERE idempotency_key = ? AND status = 0 AND created_at = ?",
        Timestamp.from(now), key, Timestamp.from(claimedAt)) == 1);
  }

  /** Records the answer; runs in the caller's transaction, so it commits together with the lead. */
  void complete(String key, int status, String response) {
    jdbc.update("UPDATE intake_request SET status = ?, response = ? WHERE idempotency_key = ?", status, response, key);
  }

  void release(String key) {
    ownTransaction.run(() ->
        jdbc.update("DELETE FROM intake_request WHERE idempotency_key = ? AND status = 0", key));
  }
}
