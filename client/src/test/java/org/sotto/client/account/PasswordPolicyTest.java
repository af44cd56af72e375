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
      "password123   | common password",
      "Password123!  | common password",
      "!!summer2024  | too easy to guess",
      "qwertyuiop    | common password",
      "1234567890    | common password",
      "hunter2hunter2 | common password",
      "P@ssw0rd2024! | too easy to guess",
      "qazwsxedcrfv  | too easy to guess",
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
  void repeatsSequencesAndLeetCountForLittle() {
    assertThat(policy.estimateBits("abcdefghijkl")).isLessThan(policy.estimateBits(
        "ahcxfbgdkjil"));
    assertThat(policy.estimateBits("aaaaaaaaaaaa")).isLessThan(10);
    assertThat(policy.estimateBits("hunter2hunter2")).isLessThan(20);
    assertThat(policy.estimateBits("p4ssw0rd")).isLessThan(15);
  }

  @org.junit.jupiter.api.Test
  void aVeryLongPasswordIsEstimatedQuicklyOnItsStart() {
    String longOne = "violet tundra 47 ledger kite ".repeat(35);
    long start = System.nanoTime();
    assertThat(policy.problem("alice", longOne.toCharArray())).isNull();
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
  }
}
