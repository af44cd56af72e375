package org.sotto.client.account;

import java.util.Locale;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * Refuses weak passwords before they are stretched. The directory never sees the password, so
 * this client-side check is the only one there is (directory.proto says so).
 *
 * <p>The rules, in the order they are checked (docs/protocol.md §15 repeats them):
 *
 * <ol>
 *   <li>at least {@value #MIN_LENGTH} characters (NIST SP 800-63B asks for 8; Sotto's backups sit
 *       on a server that may be attacked offline, so a little more) and at most
 *       {@value #MAX_LENGTH};
 *   <li>not containing the username;
 *   <li>at least {@value #MIN_BITS} bits of guessing entropy as estimated by nbvcxz, a Java
 *       implementation of zxcvbn's approach (Wheeler, "zxcvbn: Low-Budget Password Strength
 *       Estimation", USENIX Security 2016): the password is split into the cheapest sequence of
 *       known patterns (words from password, name and English frequency lists, l33t and
 *       capitalised variants, repeats such as "hunter2hunter2", sequences such as "abcd",
 *       keyboard walks, dates and years), and the bits are log2 of the guesses an attacker who
 *       tries those patterns first needs.
 * </ol>
 *
 * A passphrase of four or five random words passes easily; a common password with digits or a
 * repeat added does not.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 1024;
  public static final int MIN_BITS = 40;
  /**
   * Only this many leading characters are estimated: the matcher's work grows quickly with
   * length, and a longer password is not weak for its tail.
   */
  private static final int ESTIMATED_PREFIX = 100;

  private static final PasswordPolicy STANDARD = new PasswordPolicy();

  /** Built once: loading nbvcxz's dictionaries takes a moment. Not safe for concurrent use. */
  private final Nbvcxz estimator = new Nbvcxz(new ConfigurationBuilder()
      .setMinimumEntropy((double) MIN_BITS)
      .setMaxLength(ESTIMATED_PREFIX)
      .setLocale(Locale.ENGLISH)
      .createConfiguration());

  private PasswordPolicy() {}

  /** The policy every Sotto client applies. */
  public static PasswordPolicy standard() {
    return STANDARD;
  }

  /** Why {@code password} is refused for {@code username}, or null when it is acceptable. */
  public String problem(String username, char[] password) {
    String p = new String(password);
    int length = p.codePointCount(0, p.length());
    if (length < MIN_LENGTH) {
      return "a password needs at least " + MIN_LENGTH + " characters (this one has " + length
          + "); a few random words make a strong one";
    }
    if (length > MAX_LENGTH) {
      return "a password has at most " + MAX_LENGTH + " characters";
    }
    String lower = p.toLowerCase(Locale.ROOT);
    if (username != null && username.length() >= 3
        && lower.contains(username.toLowerCase(Locale.ROOT))) {
      return "a password must not contain the username";
    }
    Result result = estimate(p);
    double bits = result.getEntropy();
    if (bits < MIN_BITS) {
      String warning = result.getFeedback().getWarning();
      String advice = String.join(" ", result.getFeedback().getSuggestion());
      return String.format(Locale.ROOT, "too easy to guess%s (about %.0f bits of the %d "
          + "needed); %s", warning == null ? "" : ": " + sentenceCase(warning), bits, MIN_BITS,
          advice.isBlank() ? "make it longer with another uncommon word" : sentenceCase(advice));
    }
    return null;
  }

  /**
   * The estimated guessing entropy of {@code password} in bits (rule 3), for a strength meter
   * that shows it as the user types.
   */
  public double estimateBits(String password) {
    return password.isEmpty() ? 0 : estimate(password).getEntropy();
  }

  private synchronized Result estimate(String password) {
    String prefix = password.codePointCount(0, password.length()) <= ESTIMATED_PREFIX ? password
        : password.substring(0, password.offsetByCodePoints(0, ESTIMATED_PREFIX));
    return estimator.estimate(prefix);
  }

  /** nbvcxz writes sentences ("This is a top-10 common password."); they continue ours. */
  private static String sentenceCase(String s) {
    String t = s.strip();
    if (t.endsWith(".")) {
      t = t.substring(0, t.length() - 1);
    }
    return t.isEmpty() ? t : Character.toLowerCase(t.charAt(0)) + t.substring(1);
  }
}
