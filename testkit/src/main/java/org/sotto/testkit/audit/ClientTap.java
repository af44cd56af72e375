package org.sotto.testkit.audit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.SubmitInvitationRequest;

/**
 * The audit's ground truth about one client, from its own side of the wire: which local
 * addresses its calls came from (so the coordinator's view of a caller address can be named),
 * which sessions the coordinator gave it, and when it submitted to each dialing round (so the
 * round that carried a real invitation is known). It reads what passes and changes nothing.
 */
final class ClientTap implements ClientInterceptor {
  final Set<String> localAddresses = ConcurrentHashMap.newKeySet();
  final Set<String> sessions = ConcurrentHashMap.newKeySet();
  /** Dialing round → System.nanoTime() when this client sent its submission for it. */
  final Map<Long, Long> dialingSubmissions = new ConcurrentSkipListMap<>();

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(MethodDescriptor<Q, A> method,
      CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<A> listener, Metadata headers) {
        ClientCall<Q, A> call = this;
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(
            listener) {
          @Override
          public void onHeaders(Metadata h) {
            noteAddress(call);
            super.onHeaders(h);
          }

          @Override
          public void onMessage(A message) {
            if (message instanceof RoundEvent e && e.hasWelcome()) {
              sessions.add(HexFormat.of().formatHex(e.getWelcome().getSessionId()
                  .toByteArray()));
            }
            super.onMessage(message);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            noteAddress(call);
            super.onClose(status, trailers);
          }
        }, headers);
      }

      @Override
      public void sendMessage(Q message) {
        if (message instanceof SubmitInvitationRequest r) {
          dialingSubmissions.putIfAbsent(r.getDialingRound(), System.nanoTime());
        }
        super.sendMessage(message);
      }
    };
  }

  private void noteAddress(ClientCall<?, ?> call) {
    Object local = call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR);
    if (local != null) {
      localAddresses.add(String.valueOf(local));
    }
  }
}
