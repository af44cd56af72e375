package org.sotto.testkit.audit;

import io.grpc.ClientInterceptor;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit runs: how many clients of each class, for how many conversation rounds, and
 * anything extra the clients of one class pass their calls through (a test that puts a leak
 * back, e.g. chatting clients that submit late, adds it here).
 *
 * @param clients clients per class, at least two of each (chatting clients talk in pairs)
 * @param rounds conversation rounds to measure, after the clients are set up and warmed up
 */
public record AuditPlan(Map<ClientClass, Integer> clients, int rounds,
    Map<ClientClass, List<ClientInterceptor>> interceptors) {

  public AuditPlan {
    clients = Map.copyOf(clients);
    interceptors = interceptors == null ? Map.of() : Map.copyOf(interceptors);
    for (ClientClass c : ClientClass.values()) {
      int n = clients.getOrDefault(c, 0);
      if (n < 2) {
        throw new IllegalArgumentException("an audit needs at least 2 " + c.key()
            + " clients, not " + n);
      }
      if (c == ClientClass.CHATTING && n % 2 != 0) {
        throw new IllegalArgumentException("chatting clients talk in pairs: give an even number, "
            + "not " + n);
      }
    }
    if (rounds < 10) {
      throw new IllegalArgumentException("an audit needs at least 10 rounds to test anything, not "
          + rounds);
    }
  }

  /** {@code perClass} clients of every class, nothing intercepted. */
  public static AuditPlan of(int perClass, int rounds) {
    Map<ClientClass, Integer> clients = new EnumMap<>(ClientClass.class);
    for (ClientClass c : ClientClass.values()) {
      clients.put(c, perClass);
    }
    return new AuditPlan(clients, rounds, Map.of());
  }

  /** The same plan, the clients of {@code target} also passing their calls through {@code extra}. */
  public AuditPlan intercepting(ClientClass target, ClientInterceptor extra) {
    Map<ClientClass, List<ClientInterceptor>> all = new EnumMap<>(ClientClass.class);
    all.putAll(interceptors);
    all.merge(target, List.of(extra), (a, b) -> java.util.stream.Stream.concat(a.stream(),
        b.stream()).toList());
    return new AuditPlan(clients, rounds, all);
  }

  int count(ClientClass c) {
    return clients.get(c);
  }

  List<ClientInterceptor> extra(ClientClass c) {
    return interceptors.getOrDefault(c, List.of());
  }
}
