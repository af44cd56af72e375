package org.sotto.core.server;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sotto.core.store.StorageException;

/**
 * The one place where an exception a service throws becomes the gRPC status its caller sees (the
 * shape of Signal-Server's ErrorMappingInterceptor). Services throw; they never build error
 * answers themselves:
 *
 * <ul>
 *   <li>a {@link StatusRuntimeException} or {@link StatusException} is the answer as it stands
 *       (its trailers too, which may name a failed node);
 *   <li>{@link StorageException}: INTERNAL, "the node's database failed; try again later", with
 *       the cause in the log only;
 *   <li>anything else: INTERNAL, "internal error", logged with its stack trace. The caller never
 *       sees Java internals.
 * </ul>
 *
 * ManagedGrpcServer installs it in front of every service.
 */
public final class StatusMapping implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(StatusMapping.class);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    AtomicBoolean closed = new AtomicBoolean();
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException e) {
      close(call, closed, e);
      return new ServerCall.Listener<>() {};
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          close(call, closed, e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          close(call, closed, e);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          close(call, closed, e);
        }
      }
    };
  }

  private static void close(ServerCall<?, ?> call, AtomicBoolean closed, RuntimeException e) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Metadata trailers = Status.trailersFromThrowable(e);
    call.close(statusOf(call.getMethodDescriptor().getFullMethodName(), e),
        trailers == null ? new Metadata() : trailers);
  }

  /** The status {@code e} stands for (see the class comment). */
  public static Status statusOf(String method, Throwable e) {
    if (e instanceof StatusRuntimeException s) {
      return s.getStatus();
    }
    if (e instanceof StatusException s) {
      return s.getStatus();
    }
    if (e instanceof StorageException) {
      log.error("{}: database failure: {}", method, e.getMessage(), e);
      return Status.INTERNAL.withDescription("the node's database failed; try again later");
    }
    log.error("{} failed", method, e);
    return Status.INTERNAL.withDescription("internal error; the node's log has the details");
  }
}
