package io.leadsla;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An insert that may meet the same key inserted by someone else, on the caller's own connection: the insert runs
 * behind a savepoint, so a duplicate key rolls back only the insert and the caller's transaction goes on. Never a
 * transaction of its own, so it never asks the pool for a second connection (see DESIGN.md, "one pooled
 * connection per thread").
 */
@Component
public class InsertIfAbsent {

  private final TransactionTemplate savepoint;

  InsertIfAbsent(PlatformTransactionManager transactionManager) {
    savepoint = new TransactionTemplate(transactionManager);
    savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** True if the row was inserted, false if its key was there already (PostgreSQL waits for a parallel insert). */
  public boolean insert(Runnable insert) {
    try {
      savepoint.executeWithoutResult(status -> insert.run());
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }
}
