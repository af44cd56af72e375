package org.sotto.client.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
        "While it runs, your queued messages go out and are acknowledged too."})
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
    client.connect();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    for (long left = deadline - System.nanoTime(); left > 0 && !enough();
        left = deadline - System.nanoTime()) {
      ChatMessage m = arrived.poll(left, TimeUnit.NANOSECONDS);
      if (m != null) {
        show(client, m);
      }
    }
    return 0;
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
