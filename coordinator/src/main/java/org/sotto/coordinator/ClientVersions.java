package org.sotto.coordinator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which clients this coordinator serves. A client names itself in SubscribeRequest.client_version
 * as {@code software/protocol}, optionally followed by a dot and anything (for example
 * {@code sotto-client/3} or {@code my-client/3.4.2}); the number after the slash is the client
 * protocol version (docs/protocol.md) it speaks. This coordinator speaks version
 * {@value #PROTOCOL}; a client that says nothing, or another version, is refused before it gets a
 * session, so it learns why instead of sending onions nobody can use.
 */
final class ClientVersions {
  /** The client protocol this coordinator speaks. */
  static final int PROTOCOL = 3;
  /** What Welcome.server_version says. */
  static final String SERVER_VERSION = "sotto-coordinator/" + PROTOCOL;

  private static final Pattern VERSION = Pattern.compile("([\\x21-\\x2e\\x30-\\x7e]{1,64})/"
      + "([0-9]{1,9})(\\..{0,64})?");

  private ClientVersions() {}

  /** Why a client with this version is refused, or null if it is served. */
  static String problem(String clientVersion) {
    Matcher m = VERSION.matcher(clientVersion);
    if (!m.matches()) {
      return "client_version '" + shorten(clientVersion) + "' is not of the form software/"
          + PROTOCOL + " (for example sotto-client/" + PROTOCOL + "); send the client protocol "
          + "version this client speaks";
    }
    if (Integer.parseInt(m.group(2)) != PROTOCOL) {
      return m.group(1) + " speaks client protocol " + m.group(2) + "; this coordinator speaks "
          + "only protocol " + PROTOCOL + ": use a client for protocol " + PROTOCOL;
    }
    return null;
  }

  private static String shorten(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() <= 64 ? printable : printable.substring(0, 64) + "…";
  }
}
