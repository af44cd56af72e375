package org.sotto.coordinator.directory;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Makes the caller's IP address available to the service, for per-address rate limits. The port
 * is dropped: a client gets a new one per connection, which would make every limit trivially
 * avoidable.
 */
public final class RemoteAddress implements ServerInterceptor {
  private static final Context.Key<String> KEY = Context.key("sotto-remote-address");

  /** The current call's IP address, or "unknown" outside a call. */
  public static String current() {
    String a = KEY.get();
    return a == null ? "unknown" : a;
  }

  /** Runs {@code work} as a call from {@code address} would (for tests of per-address limits). */
  static void runAs(String address, Runnable work) {
    Context.current().withValue(KEY, address).run(work);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    String address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
        ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    return Contexts.interceptCall(Context.current().withValue(KEY, address), call, headers, next);
  }
}
