package io.leadsla.intake;

import io.leadsla.InsertIfAbsent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code intake_request}: a key is claimed and completed with the answer in the intake transaction, so the key,
 * the lead and the answer commit together or not at all. A parallel request with the same key waits for the
 * first one's short transaction (PostgreSQL) and then finds its answer.
 */
@Repository
class IdempotencyStore {

  record Request(String bodyHash, int status, String response) {
    boolean completed() {
      return status > 0;
    }
  }

  private final JdbcTemplate jdbc;
  private final InsertIfAbsent insertIfAbsent;

  IdempotencyStore(JdbcTemplate jdbc, InsertIfAbsent insertIfAbsent) {
    this.jdbc = jdbc;
    this.insertIfAbsent = insertIfAbsent;
  }

  Optional<Request> find(String key) {
    List<Request> found = jdbc.query("SELECT body_hash, status, response FROM intake_request WHERE idempotency_key = ?",
        (rs, i) -> new Request(rs.getString(1), rs.getInt(2), rs.getString(3)), key);
    return found.stream().findFirst();
  }

  /** True if this request now owns the key; false if another request holds it. */
  boolean claim(String key, String bodyHash, Instant now) {
    return insertIfAbsent.insert(
        "INSERT INTO intake_request (idempotency_key, body_hash, status, created_at) VALUES (?, ?, 0, ?)",
        key, bodyHash, Timestamp.from(now));
  }

  /** Records the answer in the caller's transaction, so it commits together with the lead. */
  void complete(String key, int status, String response) {
    jdbc.update("UPDATE intake_request SET status = ?, response = ? WHERE idempotency_key = ?", status, response, key);
  }
}
