package io.leadsla;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A short transaction of its own beside the caller's (REQUIRES_NEW): for a row lock that must not last as long
 * as a lead start, or an insert whose duplicate-key failure must not abort the caller's transaction.
 */
@Component
public class OwnTransaction {

  private final TransactionTemplate template;

  OwnTransaction(PlatformTransactionManager transactionManager) {
    template = new TransactionTemplate(transactionManager);
    template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  public <T> T call(Supplier<T> work) {
    return template.execute(status -> work.get());
  }

  public void run(Runnable work) {
    template.executeWithoutResult(status -> work.run());
  }
}
