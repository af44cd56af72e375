package org.sotto.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
  private final PasswordPolicy policy = PasswordPolicy.standard();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "short1!       | at least 10 characters",
      "password123   | most common passwords",
      "Password123!  | most common passwords",
      "!!summer2024  | most common passwords",
      "qwertyuiop    | most common passwords",
      "1234567890    | most common passwords",
      "alice-is-great-99 | must not contain the username",
      "aaaaaaaaaaaaaaaa | too easy to guess",
      "abcdefghijklmnop | too easy to guess",
      "zebrawombat   | too easy to guess",
  })
  void refusesWeakPasswordsSayingWhy(String password, String reason) {
    assertThat(policy.problem("alice", password.toCharArray())).contains(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"violet tundra 47 ledger kite", "Tr0ub4dor&3-xk", "mqvzhtrwpekdyx",
      "Zürich-Fondue-Nacht", "глубокая ночь 17 сов"})
  void acceptsPassphrasesAndRandomStrings(String password) {
    assertThat(policy.problem("alice", password.toCharArray())).isNull();
  }

  @org.junit.jupiter.api.Test
  void runsAndSequencesCountForNothing() {
    assertThat(PasswordPolicy.estimateBits("abcdefgh")).isLessThan(PasswordPolicy.estimateBits(
        "ahcxfbgd"));
    assertThat(PasswordPolicy.estimateBits("aaaaaaaaaaaa")).isLessThan(5);
  }
}
