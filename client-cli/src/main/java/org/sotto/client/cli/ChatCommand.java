package org.sotto.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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
            + "/history off, /quit."})
final class ChatCommand extends ClientSubcommand {
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
      for (ChatMessage m : client.history(peer)) {
        screen.print(screen.line(m));
      }
      for (ChatMessage m : client.outbox(peer)) {
        screen.print(screen.line(m) + "  [" + state(m.state()) + "]");
      }
      showUnread(client, screen, peer);
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

  private static void showUnread(SottoClient client, Screen screen, String peer) {
    List<ChatMessage> unread = client.unread(peer);
    for (ChatMessage m : unread) {
      screen.print(screen.line(m));
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
      case "/history" -> {
        boolean on = words.length > 1 && words[1].equals("on");
        Duration after = on && words.length > 2 ? Duration.ofMinutes(Long.parseLong(words[2]))
            : null;
        client.keepHistory(peer, on, after);
        screen.print(on ? "History is kept" + (after == null ? "" : " and each message "
            + "disappears " + after.toMinutes() + " min after it was read or sent")
            : "History is off; what was kept is deleted");
      }
      default -> screen.print("Commands: /history on [MINUTES], /history off, /quit");
    }
    return true;
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
