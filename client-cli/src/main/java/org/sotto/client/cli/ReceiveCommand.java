package org.sotto.client.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.sotto.client.RoundStatus;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.client.SottoListener;
import org.sotto.client.conversation.ChatMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sotto client receive}: prints the messages waiting in the data folder, then takes part
 * in rounds for --timeout seconds and prints what arrives; each message printed is marked read.
 */
@Command(name = "receive", mixinStandardHelpOptions = true,
    description = {"Print unread messages from every contact, then stay connected for --timeout "
        + "seconds and print those that arrive. Printed messages are marked read.",
        "While it runs, your queued messages go out and are acknowledged too; after the last "
            + "message it stays two rounds more, so the sender learns it was delivered."})
final class ReceiveCommand extends ClientSubcommand {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
      description = "how long to stay connected and wait for more (default: ${DEFAULT-VALUE} s; "
          + "0 prints only what is already here)")
  long timeoutSeconds;

  @Option(names = "--max-messages", paramLabel = "N", description = "stop after printing N "
      + "messages (default: no limit)")
  Long maxMessages;

  @Option(names = "--json", description = "one JSON object per message and line: "
      + "{\"from\": …, \"text\": …, \"time\": ISO-8601 UTC, \"sequence\": …}")
  boolean json;

  private long shown;

  @Override
  int run(SottoClient client) throws SottoException, InterruptedException {
    client.username().orElseThrow(() -> new SottoException(SottoException.Reason.NOT_LOGGED_IN,
        "no account in " + options.dataDir + ": register or log in first"));
    BlockingQueue<ChatMessage> arrived = new LinkedBlockingQueue<>();
    client.addListener(new SottoListener() {
      @Override
      public void messageReceived(ChatMessage message) {
        arrived.add(message);
      }
    });
    for (ChatMessage m : client.unread(null)) {
      show(client, m);
      if (enough()) {
        return 0;
      }
    }
    if (timeoutSeconds <= 0) {
      return 0;
    }
    RoundsAfter acknowledged = new RoundsAfter();
    client.addListener(acknowledged);
    client.connect();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    for (long left = deadline - System.nanoTime(); left > 0 && !enough();
        left = deadline - System.nanoTime()) {
      ChatMessage m = arrived.poll(left, TimeUnit.NANOSECONDS);
      if (m != null) {
        show(client, m);
        acknowledged.restart();
      }
    }
    if (shown > 0) {
      // The acknowledgement of what arrived rides in this client's next messages; leaving at once
      // would leave the sender waiting for it until this client connects again.
      acknowledged.await(ACKNOWLEDGING_ROUNDS,
          (ACKNOWLEDGING_ROUNDS + 2) * client.descriptor().roundIntervalMs());
    }
    return 0;
  }

  /**
   * Rounds that completed since the last message arrived: after two, the acknowledgement is out
   * (the onions of the round under way when the message arrived may have been made before it).
   */
  private static final int ACKNOWLEDGING_ROUNDS = 2;

  /** Counts the rounds this client completed since {@link #restart}. */
  private static final class RoundsAfter implements SottoListener {
    private final java.util.Set<Long> opened = new java.util.HashSet<>();
    private int completed;

    synchronized void restart() {
      opened.clear();
      completed = 0;
    }

    @Override
    public synchronized void roundStatus(RoundStatus status) {
      if (status.kind() == RoundStatus.Kind.OPENED) {
        opened.add(status.round());
      } else if (status.kind() == RoundStatus.Kind.COMPLETED && opened.remove(status.round())) {
        completed++;
        notifyAll();
      }
    }

    synchronized void await(int rounds, long maxMillis) throws InterruptedException {
      long end = System.nanoTime() + maxMillis * 1_000_000L;
      long left;
      while (completed < rounds && (left = (end - System.nanoTime()) / 1_000_000L) > 0) {
        wait(left);
      }
    }
  }

  private boolean enough() {
    return maxMessages != null && shown >= maxMessages;
  }

  private void show(SottoClient client, ChatMessage m) {
    if (json) {
      JsonLines.print(out(), JsonLines.message(m));
    } else {
      out().println(TIME.format(Instant.ofEpochMilli(m.atUnixMs())) + " " + m.peer() + ": "
          + m.text());
      out().flush();
    }
    client.markRead(m.peer(), m.sequence());
    shown++;
  }
}
