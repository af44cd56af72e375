package org.sotto.coordinator.directory;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** Captures a unary call's answer: the response, or the status it failed with. */
final class Recorder<T> implements StreamObserver<T> {
  T value;
  Status error;

  @Override
  public void onNext(T v) {
    value = v;
  }

  @Override
  public void onError(Throwable t) {
    error = Status.fromThrowable(t);
  }

  @Override
  public void onCompleted() {}

  T get() {
    if (error != null) {
      throw new AssertionError("call failed: " + error);
    }
    return value;
  }
}
