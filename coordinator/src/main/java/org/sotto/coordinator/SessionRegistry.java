package org.sotto.coordinator;

import com.google.protobuf.ByteString;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.sotto.proto.RoundEvent;

/**
 * The connected clients, at most {@code maxClients} in all. Two kinds share them:
 *
 * <ul>
 *   <li><b>ticketed</b> sessions show a session ticket (an account's, signed blind, so not
 *       linked to it): one live session per ticket, a newer one replacing the older (a client
 *       that reconnects), and no other limit, since the directory bounds tickets per account;
 *   <li><b>anonymous</b> sessions show none: at most {@code maxAnonymous} of them, and at most
 *       {@code maxPerAddress} from one IP address.
 * </ul>
 *
 * So hosts that open sessions in a loop, from one address or from many, fill at most the
 * anonymous share, and users with accounts still get in; each anonymous session costs the first
 * mix a key agreement per round, which the limit also bounds.
 */
final class SessionRegistry {
  /** Why a session was not admitted. */
  enum Refusal {
    /** max-clients sessions are open. */
    FULL("max_clients"),
    /** max-anonymous-sessions anonymous sessions are open. */
    ANONYMOUS_FULL("anonymous"),
    /** the address holds max-sessions-per-address anonymous sessions. */
    ADDRESS_FULL("per_address"),
    /** the ticket is not valid now. */
    BAD_TICKET("bad_ticket");

    final String metricLabel;

    Refusal(String metricLabel) {
      this.metricLabel = metricLabel;
    }
  }

  private record Entry(SubscriberSession session, String address, ByteString ticket) {}

  private final Map<SessionId, Entry> sessions = new ConcurrentHashMap<>();
  private final Map<String, Integer> anonymousPerAddress = new HashMap<>();
  private final Map<ByteString, SessionId> byTicket = new HashMap<>();
  private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
  private final int maxClients;
  private final int maxAnonymous;
  private final int maxPerAddress;
  private int anonymous;

  SessionRegistry(int maxClients, int maxAnonymous, int maxPerAddress) {
    this.maxClients = maxClients;
    this.maxAnonymous = maxAnonymous;
    this.maxPerAddress = maxPerAddress;
    for (Refusal r : Refusal.values()) {
      refused.put(r, new LongAdder());
    }
  }

  /**
   * Admits {@code session} from {@code address}, anonymous when {@code ticketSerial} is null.
   *
   * @return why it is refused, or null once it is added
   */
  Refusal add(SubscriberSession session, String address, ByteString ticketSerial) {
    Refusal refusal;
    SubscriberSession replaced = null;
    synchronized (sessions) {
      if (ticketSerial != null) {
        SessionId holder = byTicket.get(ticketSerial);
        Entry old = holder == null ? null : removeLocked(holder);
        replaced = old == null ? null : old.session();
      }
      refusal = admissible(address, ticketSerial);
      if (refusal == null) {
        sessions.put(session.id(), new Entry(session, address, ticketSerial));
        if (ticketSerial != null) {
          byTicket.put(ticketSerial, session.id());
        } else {
          anonymous++;
          anonymousPerAddress.merge(address, 1, Integer::sum);
        }
      }
    }
    if (replaced != null) {
      replaced.close();
    }
    if (refusal != null) {
      countRefusal(refusal);
    }
    return refusal;
  }

  private Refusal admissible(String address, ByteString ticketSerial) {
    if (sessions.size() >= maxClients) {
      return Refusal.FULL;
    }
    if (ticketSerial != null) {
      return null;
    }
    if (anonymous >= maxAnonymous) {
      return Refusal.ANONYMOUS_FULL;
    }
    if (anonymousPerAddress.getOrDefault(address, 0) >= maxPerAddress) {
      return Refusal.ADDRESS_FULL;
    }
    return null;
  }

  /** Counts a refusal decided elsewhere (a bad ticket). */
  void countRefusal(Refusal reason) {
    refused.get(reason).increment();
  }

  int maxPerAddress() {
    return maxPerAddress;
  }

  /** Sessions refused so far for {@code reason}. */
  long refused(Refusal reason) {
    return refused.get(reason).sum();
  }

  void remove(SessionId id) {
    synchronized (sessions) {
      removeLocked(id);
    }
  }

  private Entry removeLocked(SessionId id) {
    Entry e = sessions.remove(id);
    if (e == null) {
      return null;
    }
    if (e.ticket() != null) {
      byTicket.remove(e.ticket(), id);
    } else {
      anonymous--;
      anonymousPerAddress.computeIfPresent(e.address(), (a, n) -> n == 1 ? null : n - 1);
    }
    return e;
  }

  SubscriberSession get(SessionId id) {
    Entry e = sessions.get(id);
    return e == null ? null : e.session();
  }

  int size() {
    return sessions.size();
  }

  /** Open sessions that showed a ticket. */
  int ticketed() {
    synchronized (sessions) {
      return sessions.size() - anonymous;
    }
  }

  void broadcast(RoundEvent event) {
    sessions.values().forEach(e -> e.session().push(event));
  }

  void closeAll() {
    synchronized (sessions) {
      sessions.values().forEach(e -> e.session().close());
      sessions.clear();
      anonymousPerAddress.clear();
      byTicket.clear();
      anonymous = 0;
    }
  }
}
