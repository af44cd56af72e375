package org.sotto.mixnode;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/**
 * Answers a unary call with what the engine returns. A failure is thrown on, and becomes the
 * caller's status in one place, core's StatusMapping.
 */
final class Unary {
  private Unary() {}

  static <T> void answer(StreamObserver<T> response, Supplier<T> call) {
    response.onNext(call.get());
    response.onCompleted();
  }
}
