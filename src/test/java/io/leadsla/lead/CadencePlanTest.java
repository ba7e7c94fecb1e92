package io.leadsla.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "15 touches in 21 days": when the rep's next touch is due, and how many touches a manager expects by when. */
class CadencePlanTest {

  static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
  static final CadencePlan FIFTEEN_IN_21_DAYS = new CadencePlan(START, 15, 21);

  @Test
  void touchesAreSpreadEvenlyToTheMinuteAndNeverPastTheEnd() {
    // 21 days over 14 gaps: every 1.5 days
    assertThat(FIFTEEN_IN_21_DAYS.nextTouchDue(1)).isEqualTo(START.plus(Duration.ofHours(36)));
    assertThat(FIFTEEN_IN_21_DAYS.nextTouchDue(14)).isEqualTo(START.plus(Duration.ofDays(21)));
    assertThat(FIFTEEN_IN_21_DAYS.nextTouchDue(20)).isEqualTo(FIFTEEN_IN_21_DAYS.endsAt());
  }

  @Test
  void theTouchesExpectedByAMomentFollowTheSameSpacing() {
    assertThat(FIFTEEN_IN_21_DAYS.touchesExpectedBy(START)).isEqualTo(1);
    assertThat(FIFTEEN_IN_21_DAYS.touchesExpectedBy(START.plus(Duration.ofHours(36)).minusSeconds(60))).isEqualTo(1);
    assertThat(FIFTEEN_IN_21_DAYS.touchesExpectedBy(START.plus(Duration.ofHours(36)))).isEqualTo(2);
    assertThat(FIFTEEN_IN_21_DAYS.touchesExpectedBy(FIFTEEN_IN_21_DAYS.endsAt())).isEqualTo(15);
    assertThat(FIFTEEN_IN_21_DAYS.touchesExpectedBy(FIFTEEN_IN_21_DAYS.endsAt().plus(Duration.ofDays(30))))
        .isEqualTo(15);
    // each due time is exactly where one more touch is expected
    for (int made = 1; made < 15; made++) {
      assertThat(FIFTEEN_IN_21_DAYS.touchesExpectedBy(FIFTEEN_IN_21_DAYS.nextTouchDue(made))).isEqualTo(made + 1);
    }
  }

  @Test
  void aOneTouchPlanExpectsOneTouch() {
    CadencePlan once = new CadencePlan(START, 1, 7);
    assertThat(once.touchesExpectedBy(START.plus(Duration.ofDays(7)))).isEqualTo(1);
    assertThat(once.nextTouchDue(1)).isEqualTo(once.endsAt());
  }
}
