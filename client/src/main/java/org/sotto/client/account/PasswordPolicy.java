package org.sotto.client.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

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
 *   <li>not one of the most common passwords (a bundled list of a few hundred), not even with
 *       digits or symbols added before or after;
 *   <li>not containing the username;
 *   <li>a rough strength estimate of at least {@value #MIN_BITS} bits: length × log2(size of the
 *       character classes used), where a character repeating or continuing a run of the previous
 *       one ("aaaa", "abcd", "4321") counts for nothing.
 * </ol>
 *
 * The estimate is deliberately simple; it stops the guessable, not the merely unusual. A
 * passphrase of four or five random words passes easily.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 1024;
  public static final int MIN_BITS = 50;

  private final Set<String> common;

  public PasswordPolicy(Set<String> commonPasswords) {
    this.common = Set.copyOf(commonPasswords);
  }

  /** The policy with the bundled list of common passwords. */
  public static PasswordPolicy standard() {
    return new PasswordPolicy(bundledList());
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
    if (common.contains(lower) || common.contains(core(lower))) {
      return "this is one of the most common passwords (or one with digits or symbols added), "
          + "the first thing an attacker tries; choose another";
    }
    if (username != null && username.length() >= 3
        && lower.contains(username.toLowerCase(Locale.ROOT))) {
      return "a password must not contain the username";
    }
    double bits = estimateBits(p);
    if (bits < MIN_BITS) {
      return String.format(Locale.ROOT, "too easy to guess (about %.0f bits by a rough estimate, "
          + "%d needed): make it longer, or mix in capitals, digits or symbols", bits, MIN_BITS);
    }
    return null;
  }

  /** The rough strength estimate of rule 4, in bits (a strength meter shows it as the user types). */
  public static double estimateBits(String password) {
    int[] cps = password.codePoints().toArray();
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean symbol = false;
    boolean other = false;
    int effective = 0;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else if (c >= 0x20 && c < 0x7f) {
        symbol = true;
      } else {
        other = true;
      }
      boolean predictable = i > 0 && Math.abs(c - cps[i - 1]) <= 1;
      if (!predictable) {
        effective++;
      }
    }
    int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0)
        + (other ? 100 : 0);
    return pool == 0 ? 0 : effective * (Math.log(pool) / Math.log(2));
  }

  /** The password without digits and symbols before and after: "!!summer2024" → "summer". */
  private static String core(String lower) {
    int start = 0;
    int end = lower.length();
    while (start < end && !Character.isLetter(lower.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetter(lower.charAt(end - 1))) {
      end--;
    }
    return lower.substring(start, end);
  }

  private static Set<String> bundledList() {
    Set<String> words = new HashSet<>();
    try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-passwords.txt is missing from the client jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String w = line.strip().toLowerCase(Locale.ROOT);
        if (!w.isEmpty() && !w.startsWith("#")) {
          words.add(w);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return words;
  }
}
