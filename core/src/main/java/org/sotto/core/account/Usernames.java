package org.sotto.core.account;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one spelling of a username: 3 to 32 characters from {@code [a-z0-9_]}, starting with a
 * letter. Clients lowercase what the user types; the directory refuses anything else, so a name
 * hashes to the same dialing bucket and keys the same account everywhere.
 */
public final class Usernames {
  public static final int MIN_LENGTH = 3;
  public static final int MAX_LENGTH = 32;
  private static final Pattern CANONICAL = Pattern.compile("[a-z][a-z0-9_]{2,31}");

  private Usernames() {}

  public static boolean isCanonical(String name) {
    return name != null && CANONICAL.matcher(name).matches();
  }

  /**
   * What the user typed, in canonical form.
   *
   * @throws IllegalArgumentException saying what is wrong with the name
   */
  public static String canonicalize(String typed) {
    String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    String problem = problem(name);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return name;
  }

  /** Why {@code name} is not canonical, or null when it is. */
  public static String problem(String name) {
    if (name == null || name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
      return "a username has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
    }
    if (name.charAt(0) < 'a' || name.charAt(0) > 'z') {
      return "a username starts with a letter a-z";
    }
    if (!CANONICAL.matcher(name).matches()) {
      return "a username holds only lowercase letters a-z, digits and '_': '" + name + "'";
    }
    return null;
  }
}
