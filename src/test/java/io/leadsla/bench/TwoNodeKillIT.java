package io.leadsla.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The two-node run of the burst issue, small enough for {@code mvn verify}: two nodes from the packaged jar on one
 * PostgreSQL database, 10 leads/s for 20 s spread over both, {@code kill -9} of one after 10 s. Every accepted lead
 * has exactly one cycle, and every SLA warning timer due around the kill fires, those the dead node held within
 * the job lock time (15 s here). Every queued mail goes out; one goes out twice only if the dead node was sending it
 * at the kill: SMTP took it and the node died before the outbox marked it sent, so the other node sends it again
 * once the claim is stale (the lock time here too), with the same Message-ID, which mail clients collapse.
 */
class TwoNodeKillIT {

  static final Duration LOCK_TIME = Duration.ofSeconds(15);

  @Test
  void killing_one_of_two_nodes_mid_burst_loses_no_lead_and_resends_only_mails_in_flight() throws Exception {
    TwoNodeBurst.Outcome outcome = TwoNodeBurst.run(10, 20, 20, LOCK_TIME);

    assertThat(outcome.accepted()).as("leads accepted by either node").isGreaterThan(100);
    assertThat(outcome.lost()).as("accepted leads without a cycle").isZero();
    assertThat(outcome.twice()).as("leads with two cycles").isZero();
    assertThat(outcome.startJobsLeft()).as("lead start jobs never run").isZero();
    assertThat(outcome.incidents()).as("incidents").isZero();
    assertThat(outcome.mailsUnsent()).as("mails queued or being sent at the end").isZero();
    assertThat(outcome.duplicateMails()).as("mails received twice")
        .isLessThanOrEqualTo(outcome.mailsResent());
    assertThat(outcome.mailsResent()).as("mails claimed before the kill and sent again")
        .isLessThanOrEqualTo(outcome.mailsSendingAtKill());
    assertThat(outcome.lockedDoneAfterKill()).as("jobs the dead node held, done after the kill").isNotNull();
    assertThat(outcome.probesFired()).as("SLA warnings due around the kill that fired").isEqualTo(outcome.probes());
    assertThat(outcome.lateness()).as("their lateness, ms")
        .allSatisfy(late -> assertThat(late).isLessThan(LOCK_TIME.plusSeconds(30).toMillis()));
  }
}
