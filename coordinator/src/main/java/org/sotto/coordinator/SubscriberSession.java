package org.sotto.coordinator;

import io.grpc.stub.ServerCallStreamObserver;
import org.sotto.proto.RoundEvent;

/**
 * One connected client: the stream its round events go down. gRPC streams are not thread-safe, so
 * every push is serialised here; a push to a client that has gone is dropped quietly.
 */
final class SubscriberSession {
  private final SessionId id;
  private final ServerCallStreamObserver<RoundEvent> stream;
  private boolean closed;

  SubscriberSession(SessionId id, ServerCallStreamObserver<RoundEvent> stream) {
    this.id = id;
    this.stream = stream;
  }

  SessionId id() {
    return id;
  }

  synchronized void push(RoundEvent event) {
    if (closed || stream.isCancelled()) {
      return;
    }
    try {
      stream.onNext(event);
    } catch (RuntimeException e) { // the call ended under us
      closed = true;
    }
  }

  synchronized void close() {
    if (!closed && !stream.isCancelled()) {
      closed = true;
      stream.onCompleted();
    }
  }
}
