package org.sotto.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.sotto.client.ConnectionState;
import org.sotto.client.RoundStatus;
import org.sotto.client.SottoClient;
import org.sotto.client.SottoException;
import org.sotto.client.SottoListener;
import org.sotto.client.conversation.Delivery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sotto client send CONTACT TEXT...}: one message, waiting for its delivery. */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = {"Send one message and wait until the contact's client acknowledges it.",
        "If it is not delivered in time it stays queued in the data folder and goes out the next "
            + "time a client runs there: exit status 3 when the contact has not answered, 4 when "
            + "the cluster cannot be reached (given up after "
            + "20 s without a session)."})
final class SendCommand extends ClientSubcommand {
  /** Refused rounds in a row after which the cluster is taken not to be the pinned one. */
  private static final int REFUSED_LIMIT = 3;

  @Parameters(index = "0", description = "the contact to write to")
  String contact;

  @Parameters(index = "1..*", arity = "1..*", description = "the message (at most 240 bytes)")
  List<String> words;

  @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "how long to wait for delivery (default: ${DEFAULT-VALUE} s)")
  long timeoutSeconds;

  /** Unreachable this long without a break, the cluster is taken to be down for now. */
  static final Duration UNREACHABLE_GIVE_UP = Duration.ofSeconds(20);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  @Override
  int run(SottoClient client) throws SottoException, InterruptedException {
    Set<Long> delivered = ConcurrentHashMap.newKeySet();
    Set<Long> sent = ConcurrentHashMap.newKeySet();
    AtomicReference<String> refused = new AtomicReference<>();
    int[] refusals = {0};
    client.addListener(new SottoListener() {
      @Override
      public void deliveryChanged(String peer, long sequence, Delivery state) {
        if (state == Delivery.DELIVERED) {
          delivered.add(sequence);
        } else if (state == Delivery.SENT) {
          sent.add(sequence);
        }
      }

      @Override
      public void roundStatus(RoundStatus status) {
        if (status.kind() == RoundStatus.Kind.REFUSED && ++refusals[0] >= REFUSED_LIMIT) {
          refused.set(status.detail());
        } else if (status.kind() == RoundStatus.Kind.OPENED) {
          refusals[0] = 0;
        }
      }
    });
    ClientEvents events = ClientEvents.of(client);
    long seq = client.send(contact, String.join(" ", words));
    out().println("queued as message " + seq + " to " + contact);
    out().flush();
    client.connect();
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    boolean saidSent = false;
    while (true) {
      long mark = events.mark();
      if (delivered.contains(seq) || System.nanoTime() >= deadline) {
        break;
      }
      if (refused.get() != null) {
        err().println("error: the cluster's round keys do not verify against the pinned "
            + "descriptor, so nothing was sent (" + refused.get() + ")");
        return 1;
      }
      if (!saidSent && sent.contains(seq)) {
        out().println("sent; waiting for " + contact + "'s client to acknowledge it");
        out().flush();
        saidSent = true;
      }
      if (unreachableTooLong(client)) {
        break;
      }
      events.awaitAfter(mark, 1000); // the connection check above needs a clock too
    }
    if (!delivered.contains(seq)) {
      return notDelivered(client, sent.contains(seq));
    }
    out().println("delivered");
    int unread = client.unread(null).size();
    if (unread > 0) {
      out().println(unread + " unread message(s); read them with: sotto client chat CONTACT");
    }
    return 0;
  }

  private static boolean unreachableTooLong(SottoClient client) {
    return client.connection().filter(c -> !c.connected()
        && c.since().plus(UNREACHABLE_GIVE_UP).isBefore(Instant.now())).isPresent();
  }

  /** Says why the message is still waiting: the cluster is down, or the contact is silent. */
  private int notDelivered(SottoClient client, boolean wentOut) {
    String queued = "The message stays queued in " + options.dataDir + " and goes out the next "
        + "time a client runs there.";
    ConnectionState state = client.connection().orElseThrow();
    if (!state.connected()) {
      err().println("error: the cluster is unreachable: no session with the coordinator at "
          + client.descriptor().coordinator() + " since " + CLOCK.format(state.since()) + " ("
          + state.detail() + "); ask its operators, or retry later. " + queued);
      return EXIT_UNREACHABLE;
    }
    err().println((wentOut
        ? "not delivered within " + timeoutSeconds + " s: the message went out, but " + contact
            + " has not answered (their client acknowledges it once it runs). "
        : "not sent within " + timeoutSeconds + " s: the cluster is up but no round took the "
            + "message yet; give it a longer --timeout. ") + queued);
    return EXIT_PENDING;
  }
}
