package io.leadsla.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.clock.WorkingTime;
import org.junit.jupiter.api.Test;

/** A stage's policy as kept on each run of its clock (sla_clock.policy) reads back as the same policy. */
class StagePolicyTest {

  @Test
  void thePolicyKeptOnAClockRunReadsBackUnchanged() {
    StagePolicy qualification = new StagePolicy(SlaStage.QUALIFICATION, WorkingTime.parse("P2D"),
        WorkingTime.parse("PT4H"), WorkingTime.parse("PT0S"), WorkingTime.parse("P1DT2H"), WorkingTime.parse("P1D"),
        ExpiryAction.NURTURE, 0, true);

    String kept = qualification.toText();

    assertThat(kept).isEqualTo("sla=P2D warnBefore=PT4H managerDelay=PT0S executiveDelay=P1DT2H expireAfter=P1D "
        + "expiryAction=NURTURE maxReassignments=0 clock=business");
    assertThat(StagePolicy.fromText(SlaStage.QUALIFICATION, kept)).isEqualTo(qualification);
  }
}
