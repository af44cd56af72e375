package org.sotto.client.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sotto.core.account.Argon2Settings;

class PasswordStretcherTest {
  private static final Argon2Settings CHEAP = new Argon2Settings(1024, 1, 1);
  private final PasswordStretcher stretcher = new PasswordStretcher(CHEAP);
  private final byte[] salt = "0123456789abcdef".getBytes();

  @Test
  void sameInputsGiveSameKeysAndTheTwoKeysDiffer() {
    PasswordKeys a = stretcher.stretch("correct battery".toCharArray(), salt, CHEAP);
    PasswordKeys b = stretcher.stretch("correct battery".toCharArray(), salt, CHEAP);
    assertThat(a.authKey()).hasSize(32).isEqualTo(b.authKey());
    assertThat(a.backupKey()).hasSize(32).isEqualTo(b.backupKey());
    assertThat(a.authKey()).as("the directory must not learn the backup key")
        .isNotEqualTo(a.backupKey());
  }

  @Test
  void passwordSaltAndCostsEachChangeTheKeys() {
    byte[] base = stretcher.stretch("correct battery".toCharArray(), salt, CHEAP).authKey();
    assertThat(stretcher.stretch("correct batterY".toCharArray(), salt, CHEAP).authKey())
        .isNotEqualTo(base);
    assertThat(stretcher.stretch("correct battery".toCharArray(), "0123456789abcdeX".getBytes(),
        CHEAP).authKey()).isNotEqualTo(base);
    assertThat(stretcher.stretch("correct battery".toCharArray(), salt,
        new Argon2Settings(1024, 2, 1)).authKey()).isNotEqualTo(base);
  }

  @Test
  void composedAndDecomposedAccentsAreTheSamePassword() {
    byte[] composed = stretcher.stretch("caf\u00e9 au lait".toCharArray(), salt, CHEAP).authKey();
    byte[] decomposed = stretcher.stretch("cafe\u0301 au lait".toCharArray(), salt, CHEAP)
        .authKey();
    assertThat(composed).isEqualTo(decomposed);
  }

  @Test
  void refusesCostsBelowTheFloorThatAHostileDirectoryMightAskFor() {
    PasswordStretcher strict = new PasswordStretcher(Argon2Settings.MINIMUM);
    assertThatThrownBy(() -> strict.stretch("x".toCharArray(), salt, CHEAP))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor");
  }
}
