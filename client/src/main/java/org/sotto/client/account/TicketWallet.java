package org.sotto.client.account;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.sotto.client.SottoException;
import org.sotto.client.identity.Identity;
import org.sotto.client.round.TicketSource;
import org.sotto.client.store.Settings;
import org.sotto.core.cluster.ClusterDescriptor.SessionTicketSettings;
import org.sotto.core.ticket.BlindedTicket;
import org.sotto.core.ticket.SessionTicket;
import org.sotto.core.ticket.TicketEpochs;
import org.sotto.core.ticket.TicketPublicKey;
import org.sotto.core.ticket.TicketRequest;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.proto.IssueSessionTicketsRequest;
import org.sotto.proto.IssueSessionTicketsResponse;

/**
 * The account's session tickets (docs/protocol.md §17), one per epoch, kept in the data folder so
 * a restarted client shows the same ticket (and the directory's per-account count is not spent
 * on every start). The ticket of the next epoch is fetched together with the current one, so
 * when the epoch turns the client has its ticket without a directory call just before its
 * session opens.
 *
 * <p>Every ticket is checked against the descriptor's key when it arrives: a directory that
 * signed under another key (to tag this account's sessions) is caught here, not at the
 * coordinator. When no ticket can be had (the directory is down, the account has spent its
 * tickets) the session opens without one and the problem is reported.
 */
public final class TicketWallet implements TicketSource {
  private static final String SETTING = "session-tickets";

  private final TicketPublicKey key;
  private final TicketEpochs epochs;
  private final DirectoryClient directory;
  private final Settings store;
  private final Supplier<Identity> me;
  private final Clock clock;
  private final SecureRandom random;
  private final Consumer<String> problems;

  public TicketWallet(SessionTicketSettings settings, DirectoryClient directory, Settings store,
      Supplier<Identity> me, Clock clock, SecureRandom random, Consumer<String> problems) {
    this.key = settings.publicKey();
    this.epochs = settings.epochs();
    this.directory = directory;
    this.store = store;
    this.me = me;
    this.clock = clock;
    this.random = random;
    this.problems = problems;
  }

  @Override
  public synchronized Optional<org.sotto.proto.SessionTicket> ticket() {
    long now = epochs.epochAt(clock.instant());
    TreeMap<Long, SessionTicket> held = load();
    held.headMap(now).clear();
    for (long epoch : List.of(now, now + 1)) {
      if (!held.containsKey(epoch)) {
        try {
          held.put(epoch, fetch(epoch));
        } catch (SottoException | RejectedInputException e) {
          problems.accept("no session ticket for epoch " + epoch + " (" + e.getMessage()
              + "); connecting without one");
          break;
        }
      }
    }
    save(held);
    return Optional.ofNullable(held.get(now)).map(TicketWallet::toProto);
  }

  @Override
  public synchronized void refused(String why) {
    long now = epochs.epochAt(clock.instant());
    TreeMap<Long, SessionTicket> held = load();
    held.remove(now);
    save(held);
    problems.accept("the coordinator refused the session ticket (" + why + "); a new one is "
        + "fetched for the next session");
  }

  private SessionTicket fetch(long epoch) throws SottoException, RejectedInputException {
    Identity identity = me.get();
    BlindedTicket started = key.blind(epoch, random);
    List<byte[]> blinded = List.of(started.blinded());
    IssueSessionTicketsResponse answer = directory.issueSessionTickets(
        IssueSessionTicketsRequest.newBuilder().setUsername(identity.username()).setEpoch(epoch)
            .addBlinded(ByteString.copyFrom(started.blinded()))
            .setSignature(ByteString.copyFrom(TicketRequest.sign(
                identity.signing().privateKey(), identity.username(), epoch, blinded)))
            .build());
    if (answer.getBlindSignaturesCount() != 1) {
      throw new RejectedInputException(RejectedInputException.Reason.MALFORMED,
          "the directory answered " + answer.getBlindSignaturesCount() + " signatures for 1 "
              + "ticket");
    }
    return started.finish(answer.getBlindSignatures(0).toByteArray());
  }

  private TreeMap<Long, SessionTicket> load() {
    TreeMap<Long, SessionTicket> held = new TreeMap<>();
    HexFormat hex = HexFormat.of();
    for (String line : store.get(SETTING).orElse("").split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length == 3) {
        try {
          long epoch = Long.parseLong(f[0]);
          held.put(epoch, new SessionTicket(epoch, hex.parseHex(f[1]), hex.parseHex(f[2])));
        } catch (IllegalArgumentException unreadable) {
          // a damaged line is a ticket lost; another is fetched
        }
      }
    }
    return held;
  }

  private void save(TreeMap<Long, SessionTicket> held) {
    HexFormat hex = HexFormat.of();
    List<String> lines = new ArrayList<>();
    held.forEach((epoch, t) -> lines.add(epoch + " " + hex.formatHex(t.serial()) + " "
        + hex.formatHex(t.signature())));
    store.put(SETTING, String.join("\n", lines));
  }

  private static org.sotto.proto.SessionTicket toProto(SessionTicket t) {
    return org.sotto.proto.SessionTicket.newBuilder().setEpoch(t.epoch())
        .setSerial(ByteString.copyFrom(t.serial()))
        .setSignature(ByteString.copyFrom(t.signature())).build();
  }
}
