package org.sotto.client.gui;

import org.sotto.client.account.PasswordPolicy;

/**
 * How strong a password being typed is, in the client library's own terms: a password the
 * {@link PasswordPolicy} refuses is "too weak" (with the policy's reason), an accepted one is rated
 * by the policy's own strength estimate, so the meter and the policy never disagree.
 *
 * @param level 0 nothing typed, 1 refused, 2 acceptable, 3 strong, 4 very strong
 * @param label one or two words for the meter
 * @param advice what to do about it; empty when nothing needs doing
 */
record PasswordStrength(int level, String label, String advice) {
  /** On the policy's estimate (zxcvbn-style guessing entropy), where it refuses below 40. */
  static final int STRONG_BITS = 52;
  static final int VERY_STRONG_BITS = 62;

  boolean acceptable() {
    return level >= 2;
  }

  static PasswordStrength of(PasswordPolicy policy, String username, char[] password) {
    if (password.length == 0) {
      return new PasswordStrength(0, "", "At least " + PasswordPolicy.MIN_LENGTH
          + " characters; a few random words make a strong password.");
    }
    String problem = policy.problem(username, password);
    if (problem != null) {
      return new PasswordStrength(1, "Too weak", capitalized(problem) + ".");
    }
    double bits = policy.estimateBits(new String(password));
    if (bits >= VERY_STRONG_BITS) {
      return new PasswordStrength(4, "Very strong", "");
    }
    if (bits >= STRONG_BITS) {
      return new PasswordStrength(3, "Strong", "");
    }
    return new PasswordStrength(2, "Acceptable",
        "Accepted. A longer password, or another random word, makes it stronger.");
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
