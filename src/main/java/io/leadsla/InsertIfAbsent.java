package io.leadsla;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An insert that may meet the same key inserted by someone else, on the caller's own connection: a duplicate key
 * skips only the insert and the caller's transaction goes on. PostgreSQL does that in one statement
 * ({@code ON CONFLICT DO NOTHING}); H2 runs the insert behind a savepoint. Never a transaction of its own, so it
 * never asks the pool for a second connection (see DESIGN.md, "one pooled connection per thread").
 */
@Component
public class InsertIfAbsent {

  private final JdbcTemplate jdbc;
  private final boolean postgres;
  private final TransactionTemplate savepoint;

  InsertIfAbsent(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.postgres = DatabaseKind.isPostgres(jdbc.getDataSource());
    savepoint = new TransactionTemplate(transactionManager);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Runs {@code insert} (one INSERT ... VALUES statement) with {@code args}: true if the row was inserted, false if
   * its key was there already (PostgreSQL waits for a parallel insert of the same key to commit or roll back).
   */
  public boolean insert(String insert, Object... args) {
    if (postgres) {
      return jdbc.update(insert + " ON CONFLICT DO NOTHING", args) == 1;
    }
    try {
      savepoint.executeWithoutResult(status -> jdbc.update(insert, args));
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }
}
