package org.sotto.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.sotto.client.RoundStatus;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.client.SottoListener;
import org.sotto.client.conversation.ChatMessage;
import org.sotto.client.conversation.Delivery;
import org.sotto.client.dialing.Invitation;
import org.sotto.core.account.Usernames;
import org.sotto.core.wire.WireSizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code sotto client chat CONTACT}: an interactive chat on the terminal. Messages from the
 * contact and the delivery state of yours appear above the input line as they happen; what you
 * type is queued at once and goes out in the next rounds.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = {"Chat with a contact on this terminal.",
        "Your messages show their delivery state: queued (waiting for a round), sent (on the wire), "
            + "delivered (acknowledged by their client). Commands: /history on [MINUTES], "
            + "/history off, /help, /quit."})
final class ChatCommand extends ClientSubcommand {
  private static final String COMMANDS = "Commands: /history on [MINUTES] keeps history "
      + "(each message deleted MINUTES after it was read or sent), /history off deletes it, "
      + "/help, /quit.";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  @Parameters(index = "0", description = "the contact to chat with")
  String contact;

  @Override
  String logLevel() {
    return "ERROR";
  }

  @Override
  int run(SottoClient client) throws SottoException {
    String peer = canonical(contact);
    client.outbox(peer); // fails early, with the reason, if there is no such conversation
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader = LineReaderBuilder.builder().terminal(terminal)
          .variable(LineReader.DISABLE_HISTORY, true).build();
      Screen screen = new Screen(reader, peer);
      screen.print("Chatting with " + peer + " as " + client.username().orElseThrow()
          + ". Type a message and press Enter; /quit to leave.");
      showBacklog(client, screen, peer);
      client.addListener(screen.listener(client));
      client.connect();
      while (true) {
        String line;
        try {
          line = reader.readLine(client.username().orElseThrow() + "> ");
        } catch (UserInterruptException | EndOfFileException e) {
          break;
        }
        if (line.isBlank()) {
          continue;
        }
        if (line.startsWith("/")) {
          if (!command(client, screen, peer, line.strip())) {
            break;
          }
          continue;
        }
        for (String part : split(line)) {
          long seq = client.send(peer, part);
          screen.print(TIME.format(Instant.now()) + " you: " + part + "  [#" + seq + " queued]");
        }
      }
    } catch (IOException e) {
      throw new SottoException(SottoException.Reason.INVALID, "cannot open the terminal: "
          + e.getMessage(), e);
    }
    return 0;
  }

  /**
   * What happened before this chat opened, each message once: the kept history, with the state
   * of outgoing messages still waiting; then waiting messages history does not hold; then
   * received messages not yet read (kept history may hold them too).
   */
  private static void showBacklog(SottoClient client, Screen screen, String peer) {
    Map<Long, ChatMessage> waiting = new LinkedHashMap<>();
    client.outbox(peer).forEach(m -> waiting.put(m.sequence(), m));
    Set<Long> shownIncoming = new HashSet<>();
    for (ChatMessage m : client.history(peer)) {
      ChatMessage pending = m.incoming() ? null : waiting.remove(m.sequence());
      screen.print(screen.line(m) + (pending == null ? "" : "  [" + state(pending.state()) + "]"));
      if (m.incoming()) {
        shownIncoming.add(m.sequence());
      }
    }
    for (ChatMessage m : waiting.values()) {
      screen.print(screen.line(m) + "  [" + state(m.state()) + "]");
    }
    List<ChatMessage> unread = client.unread(peer);
    for (ChatMessage m : unread) {
      if (!shownIncoming.contains(m.sequence())) {
        screen.print(screen.line(m));
      }
    }
    if (!unread.isEmpty()) {
      client.markRead(peer, unread.get(unread.size() - 1).sequence());
    }
  }

  /** @return false to leave the chat */
  private static boolean command(SottoClient client, Screen screen, String peer, String line)
      throws SottoException {
    String[] words = line.split("\\s+");
    switch (words[0]) {
      case "/quit", "/exit" -> {
        return false;
      }
      case "/history" -> history(client, screen, peer, words);
      case "/help" -> screen.print(COMMANDS);
      default -> screen.print("unknown command " + words[0] + "; /help lists commands");
    }
    return true;
  }

  private static void history(SottoClient client, Screen screen, String peer, String[] words)
      throws SottoException {
    boolean on = words.length > 1 && words[1].equals("on");
    boolean off = words.length == 2 && words[1].equals("off");
    Duration after = null;
    if (on && words.length == 3) {
      try {
        after = Duration.ofMinutes(Long.parseLong(words[2]));
      } catch (NumberFormatException e) {
        after = Duration.ZERO;
      }
    }
    if (!(on || off) || words.length > 3 || (after != null && after.toMinutes() <= 0)) {
      screen.print("usage: /history on [MINUTES] (MINUTES a whole number above 0), or "
          + "/history off");
      return;
    }
    client.keepHistory(peer, on, after);
    screen.print(on ? "History is kept" + (after == null ? "" : " and each message "
        + "disappears " + after.toMinutes() + " min after it was read or sent")
        : "History is off; what was kept is deleted");
  }

  /** Splits a long line into messages of at most 240 bytes, never inside a character. */
  static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      String ch = new String(Character.toChars(cp));
      int n = ch.getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > WireSizes.MESSAGE_BODY) {
        parts.add(part.toString());
        part.setLength(0);
        bytes = 0;
      }
      part.append(ch);
      bytes += n;
      i += Character.charCount(cp);
    }
    if (part.length() > 0) {
      parts.add(part.toString());
    }
    return parts;
  }

  private static String state(Delivery d) {
    return d.name().toLowerCase(Locale.ROOT);
  }

  private static String canonical(String typed) throws SottoException {
    try {
      return Usernames.canonicalize(typed);
    } catch (IllegalArgumentException e) {
      throw new SottoException(SottoException.Reason.INVALID, e.getMessage());
    }
  }

  /** Prints above the input line, so events never break what the user is typing. */
  private static final class Screen {
    private final LineReader reader;
    private final String peer;

    Screen(LineReader reader, String peer) {
      this.reader = reader;
      this.peer = peer;
    }

    void print(String line) {
      reader.printAbove(line);
    }

    String line(ChatMessage m) {
      return TIME.format(Instant.ofEpochMilli(m.atUnixMs())) + " "
          + (m.incoming() ? m.peer() : "you") + ": " + m.text();
    }

    SottoListener listener(SottoClient client) {
      return new SottoListener() {
        private final java.util.Set<Long> announcedSent =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile boolean connected = true;

        @Override
        public void messageReceived(ChatMessage m) {
          if (m.peer().equals(peer)) {
            print(line(m));
            client.markRead(peer, m.sequence());
          } else {
            print("(new message from " + m.peer() + ")");
          }
        }

        @Override
        public void deliveryChanged(String from, long sequence, Delivery state) {
          if (!from.equals(peer) || state == Delivery.QUEUED) {
            return;
          }
          if (state == Delivery.SENT && !announcedSent.add(sequence)) {
            return;
          }
          print("    #" + sequence + " " + state(state));
        }

        @Override
        public void invitationReceived(Invitation invitation) {
          print("(" + invitation.caller().username() + " invites you to talk; it is kept: after "
              + "/quit, sotto client contacts accept " + invitation.caller().username() + ")");
        }

        @Override
        public void invitationRefused(String claimedCaller, String reason) {
          print("(" + reason + ")");
        }

        @Override
        public void connectionChanged(boolean up, String detail) {
          if (up != connected) {
            connected = up;
            print(up ? "(connected)" : "(connection lost: " + detail + "; reconnecting)");
          }
        }

        @Override
        public void roundStatus(RoundStatus status) {
          if (status.kind() == RoundStatus.Kind.REFUSED) {
            print("(round " + status.round() + " refused, nothing sent: " + status.detail() + ")");
          }
        }
      };
    }
  }
}
