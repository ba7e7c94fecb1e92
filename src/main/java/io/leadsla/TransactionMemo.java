package io.leadsla;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a store read in the current transaction, so that the steps of one job (the policy, the routing, the stage's
 * clock, its mails, the task's name) read a row once. The store that owns the rows forgets what it read when it
 * writes them. Outside a transaction every read goes to the database; a suspended transaction takes its reads
 * along, so a transaction of its own in between reads for itself.
 */
public final class TransactionMemo<K, V> {

  private final Object resource = new Object();

  /** The value read for {@code key} in this transaction, or {@code read}'s, remembered. */
  public V get(K key, Supplier<V> read) {
    Map<K, V> known = inThisTransaction();
    if (known == null) {
      return read.get();
    }
    V value = known.get(key);
    if (value == null) {
      value = read.get();
      known.put(key, value);
    }
    return value;
  }

  /** The store wrote the row behind {@code key} and knows its new value. */
  public void update(K key, UnaryOperator<V> change) {
    Map<K, V> known = inThisTransaction();
    if (known != null) {
      known.computeIfPresent(key, (k, value) -> change.apply(value));
    }
  }

  /** The store wrote the row behind {@code key} whole and knows what a read would give now. */
  public void remember(K key, V value) {
    Map<K, V> known = inThisTransaction();
    if (known != null) {
      known.put(key, value);
    }
  }

  /** The store wrote its rows: read them again. */
  public void forget() {
    Map<K, V> known = inThisTransaction();
    if (known != null) {
      known.clear();
    }
  }

  @SuppressWarnings("unchecked")
  private Map<K, V> inThisTransaction() {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return null;
    }
    Object bound = TransactionSynchronizationManager.getResource(resource);
    if (bound != null) {
      return (Map<K, V>) bound;
    }
    Map<K, V> known = new HashMap<>();
    TransactionSynchronizationManager.bindResource(resource, known);
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void suspend() {
        TransactionSynchronizationManager.unbindResourceIfPossible(resource);
      }

      @Override
      public void resume() {
        TransactionSynchronizationManager.bindResource(resource, known);
      }

      @Override
      public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(resource);
      }
    });
    return known;
  }
}
