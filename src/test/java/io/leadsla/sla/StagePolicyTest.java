package io.leadsla.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.clock.WorkingTime;
import org.junit.jupiter.api.Test;

/**
 * A stage's policy as kept on each run of its clock (sla_clock.policy) reads back as the same policy, and says
 * what an expired clock leads to.
 */
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

  @Test
  void anExpiredClockIsReassignedWhileThePolicyHasReassignmentsLeftThenNurtured() {
    StagePolicy response = policy(ExpiryAction.REASSIGN, 2);

    assertThat(response.nurtureReasonOnExpiry(0)).isEmpty();
    assertThat(response.nurtureReasonOnExpiry(1)).isEmpty();
    assertThat(response.nurtureReasonOnExpiry(2))
        .contains("First touch SLA expired after 2 reassignment(s), the most the policy allows");
    assertThat(response.nurtureReasonWhenNobodyIsFree())
        .isEqualTo("First touch SLA expired; nobody else in the team could take the lead");
  }

  @Test
  void aNurturePolicyNeverReassigns() {
    assertThat(policy(ExpiryAction.NURTURE, 2).nurtureReasonOnExpiry(0))
        .contains("First touch SLA expired; the policy moves such leads to nurture");
  }

  private static StagePolicy policy(ExpiryAction action, int maxReassignments) {
    return new StagePolicy(SlaStage.RESPONSE, WorkingTime.parse("PT5M"), WorkingTime.parse("PT2M"),
        WorkingTime.parse("PT0S"), WorkingTime.parse("PT30M"), WorkingTime.parse("PT1H"), action, maxReassignments,
        false);
  }
}
