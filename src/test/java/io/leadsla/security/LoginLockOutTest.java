package io.leadsla.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsla.ProcessTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Wrong passwords slow a guesser down, they never lock a user out for good: anyone could otherwise lock out
 * anyone, the admin too, without a login of their own.
 */
@ProcessTest
class LoginLockOutTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @Autowired IdentityService identityService;

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void tenWrongPasswordsDelayTheNextLoginByAtMostAMinuteAndNeverLockTheUser() {
    ClockUtil.setCurrentTime(Date.from(T0));
    User user = identityService.newUser("lockoutprobe");
    user.setPassword("the-right-password-1");
    identityService.saveUser(user);

    for (int attempt = 1; attempt <= 12; attempt++) {
      assertThat(identityService.checkPassword("lockoutprobe", "guess-" + attempt)).isFalse();
      // each guess waits out the delay of the one before, as a patient attacker would
      ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofSeconds(61))));
    }
    assertThat(identityService.checkPassword("lockoutprobe", "guess-13")).isFalse();
    assertThat(identityService.checkPassword("lockoutprobe", "the-right-password-1"))
        .as("right after a failure, the user is still held off").isFalse();

    ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofSeconds(61))));
    assertThat(identityService.checkPassword("lockoutprobe", "the-right-password-1"))
        .as("a minute later the user logs in, after 13 wrong passwords").isTrue();
    assertThat(identityService.createUserQuery().userId("lockoutprobe").singleResult()).isNotNull();
    identityService.deleteUser("lockoutprobe");
  }
}
