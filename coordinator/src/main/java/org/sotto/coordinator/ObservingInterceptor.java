package org.sotto.coordinator;

import com.google.protobuf.MessageLite;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands every request message to the {@link CallObserver}s. With none added a call passes
 * straight through (one emptiness check), which is the case outside audits.
 */
final class ObservingInterceptor implements ServerInterceptor {
  private final List<CallObserver> observers = new CopyOnWriteArrayList<>();

  void add(CallObserver observer) {
    observers.add(observer);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
      ServerCallHandler<Q, A> next) {
    ServerCall.Listener<Q> listener = next.startCall(call, headers);
    if (observers.isEmpty()) {
      return listener;
    }
    String method = call.getMethodDescriptor().getFullMethodName();
    String peer = String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        long now = System.nanoTime();
        int size = message instanceof MessageLite m ? m.getSerializedSize() : -1;
        observers.forEach(o -> o.request(method, peer, size, now));
        super.onMessage(message);
      }
    };
  }
}
