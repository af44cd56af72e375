package org.sotto.coordinator;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.sotto.proto.RoundEvent;

/**
 * The connected clients, at most {@code maxClients} in all and {@code maxPerAddress} from one IP
 * address: without the second limit one host could open every session the coordinator serves
 * (each also costs the first mix a key agreement per round) and lock everyone else out.
 */
final class SessionRegistry {
  /** Why a session was not admitted. */
  enum Refusal { FULL, ADDRESS_FULL }

  private final Map<SessionId, SubscriberSession> sessions = new ConcurrentHashMap<>();
  private final Map<SessionId, String> addressOf = new HashMap<>();
  private final Map<String, Integer> perAddress = new HashMap<>();
  private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
  private final int maxClients;
  private final int maxPerAddress;

  SessionRegistry(int maxClients, int maxPerAddress) {
    this.maxClients = maxClients;
    this.maxPerAddress = maxPerAddress;
    for (Refusal r : Refusal.values()) {
      refused.put(r, new LongAdder());
    }
  }

  /** @return why {@code session} from {@code address} is refused, or null once it is added */
  Refusal add(SubscriberSession session, String address) {
    Refusal refusal = null;
    synchronized (sessions) {
      if (sessions.size() >= maxClients) {
        refusal = Refusal.FULL;
      } else if (perAddress.getOrDefault(address, 0) >= maxPerAddress) {
        refusal = Refusal.ADDRESS_FULL;
      } else {
        sessions.put(session.id(), session);
        addressOf.put(session.id(), address);
        perAddress.merge(address, 1, Integer::sum);
      }
    }
    if (refusal != null) {
      refused.get(refusal).increment();
    }
    return refusal;
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
      if (sessions.remove(id) != null) {
        perAddress.computeIfPresent(addressOf.remove(id), (a, n) -> n == 1 ? null : n - 1);
      }
    }
  }

  SubscriberSession get(SessionId id) {
    return sessions.get(id);
  }

  int size() {
    return sessions.size();
  }

  Collection<SubscriberSession> all() {
    return sessions.values();
  }

  void broadcast(RoundEvent event) {
    sessions.values().forEach(s -> s.push(event));
  }

  void closeAll() {
    synchronized (sessions) {
      sessions.values().forEach(SubscriberSession::close);
      sessions.clear();
      addressOf.clear();
      perAddress.clear();
    }
  }
}
