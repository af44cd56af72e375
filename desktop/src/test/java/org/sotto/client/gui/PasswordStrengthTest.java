package org.sotto.client.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sotto.client.account.PasswordPolicy;

/** The strength meter says what the client library's password policy decides. */
class PasswordStrengthTest {
  private final PasswordPolicy policy = PasswordPolicy.standard();

  private PasswordStrength of(String password) {
    return PasswordStrength.of(policy, "alice", password.toCharArray());
  }

  @Test
  void refusedPasswordsAreTooWeakWithThePolicysReason() {
    assertThat(of("").level()).isZero();
    PasswordStrength common = of("password1");
    assertThat(common.level()).isEqualTo(1);
    assertThat(common.acceptable()).isFalse();
    assertThat(common.advice()).isNotBlank();
    assertThat(of("alice-is-great-1").advice()).containsIgnoringCase("username");
  }

  @Test
  void acceptedPasswordsAreRatedByTheEstimate() {
    assertThat(of("violet tundra 47 ledger kite").level()).isEqualTo(4);
    PasswordStrength ok = of("Kx9#mq2Lp0");
    assertThat(ok.acceptable()).isTrue();
    assertThat(ok.level()).isBetween(2, 3);
  }

  @Test
  void theMeterNeverAcceptsWhatThePolicyRefuses() {
    for (String p : new String[] {"short", "aaaaaaaaaaaaaaaa", "abcdefghijklmnop", "qwerty123!",
        "1234567890"}) {
      assertThat(of(p).acceptable()).as(p).isEqualTo(policy.problem("alice", p.toCharArray())
          == null);
    }
  }
}
