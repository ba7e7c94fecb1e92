package io.leadsla.lead;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.ProcessTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of one job ask the lead store for the same lead several times: it is read once per transaction, and
 * whatever the store writes meanwhile is what the next read shows; another transaction reads for itself.
 */
@ProcessTest
class LeadStoreReadsOncePerTransactionTest {

  @Autowired LeadStore store;
  @Autowired JdbcTemplate jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void aLeadIsReadOncePerTransactionAndAWriteOfTheStoreIsSeenAtOnce() {
    Instant now = Instant.parse("2026-03-02T09:00:00Z");
    LeadFields fields = new LeadFields("Jo Once", "jo.once@example.org", "Acme", null, null, "referral", null, 40,
        true, null);
    TransactionTemplate transaction = new TransactionTemplate(transactions);
    String id = transaction.execute(status -> {
      LeadStore.StoredLead lead = store.lockOrCreate(fields, null, now);
      store.beginCycle(lead.id(), 1, "pi-once", "referral", null, now);
      return lead.id();
    });

    transaction.executeWithoutResult(status -> {
      assertThat(store.cycleLead(id, 1).orElseThrow().fields().name()).isEqualTo("Jo Once");
      // changed behind the store's back: this transaction already read the lead and keeps what it read
      jdbc.update("UPDATE lead SET name = 'Behind The Back' WHERE id = ?", id);
      assertThat(store.cycleLead(id, 1).orElseThrow().fields().name()).isEqualTo("Jo Once");
      // a tier the store writes is in the lead it hands out next
      store.setTier(id, 1, "T2");
      assertThat(store.cycleLead(id, 1).orElseThrow().tier()).isEqualTo("T2");
      // any other write of the store reads again
      store.refresh(id, new LeadFields("Jo Twice", "jo.once@example.org", null, null, null, "referral", null, 40,
          true, null), 40, now);
      assertThat(store.cycleLead(id, 1).orElseThrow().fields().name()).isEqualTo("Jo Twice");

      // a transaction of its own in between reads what is committed, not what this one read or wrote
      TransactionTemplate inner = new TransactionTemplate(transactions);
      inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
      String committedName = inner.execute(own -> store.cycleLead(id, 1).orElseThrow().fields().name());
      assertThat(committedName).isEqualTo("Jo Once");
      assertThat(store.cycleLead(id, 1).orElseThrow().fields().name()).isEqualTo("Jo Twice");
    });

    String committedTier = transaction.execute(status -> store.cycleLead(id, 1).orElseThrow().tier());
    assertThat(committedTier).isEqualTo("T2");
  }
}
