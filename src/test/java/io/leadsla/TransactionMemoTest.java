package io.leadsla;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A store's reads within one transaction: once, unless it wrote; outside a transaction always from the database. */
class TransactionMemoTest {

  final TransactionMemo<String, String> memo = new TransactionMemo<>();
  final AtomicInteger reads = new AtomicInteger();

  String read() {
    return "row read " + reads.incrementAndGet();
  }

  @AfterEach
  void endTransaction() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.getSynchronizations().forEach(sync -> sync.afterCompletion(0));
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  @Test
  void withinATransactionARowIsReadOnceAndWhatTheStoreWroteIsWhatItGivesBack() {
    TransactionSynchronizationManager.initSynchronization();

    assertThat(memo.get("L-1", this::read)).isEqualTo("row read 1");
    assertThat(memo.get("L-1", this::read)).isEqualTo("row read 1");
    memo.remember("L-1", "row as written");
    assertThat(memo.get("L-1", this::read)).isEqualTo("row as written");
    assertThat(reads).hasValue(1);

    memo.forget();
    assertThat(memo.get("L-1", this::read)).isEqualTo("row read 2");
  }

  @Test
  void outsideATransactionEveryReadGoesToTheDatabaseAndNothingIsRemembered() {
    memo.remember("L-1", "row as written");

    assertThat(memo.get("L-1", this::read)).isEqualTo("row read 1");
    assertThat(memo.get("L-1", this::read)).isEqualTo("row read 2");
  }
}
