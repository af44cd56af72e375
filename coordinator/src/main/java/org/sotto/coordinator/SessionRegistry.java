package org.sotto.coordinator;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sotto.proto.RoundEvent;

/** The connected clients. */
final class SessionRegistry {
  private final Map<SessionId, SubscriberSession> sessions = new ConcurrentHashMap<>();
  private final int maxClients;

  SessionRegistry(int maxClients) {
    this.maxClients = maxClients;
  }

  /** @return false when the coordinator already serves its maximum of clients */
  boolean add(SubscriberSession session) {
    synchronized (sessions) {
      if (sessions.size() >= maxClients) {
        return false;
      }
      sessions.put(session.id(), session);
      return true;
    }
  }

  void remove(SessionId id) {
    sessions.remove(id);
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
    sessions.values().forEach(SubscriberSession::close);
    sessions.clear();
  }
}
