package org.sotto.core.server;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests that are not a valid protobuf message of their method's type, refused with
 * INVALID_ARGUMENT and counted in {@code sotto_rpc_malformed_total{method}}. gRPC's own parser
 * fails such a call as UNKNOWN ("Application error processing RPC"), which says nothing to the
 * caller and counts nowhere; a node that receives malformed requests is being probed, or talks
 * to a broken peer, and the operator should see it. Works by wrapping each method's request
 * marshaller, so it sees the bytes before any service code does, and its call handler, which
 * ends the call before the service sees anything.
 */
final class MalformedRequests {
  /** Set by a request marshaller that could not parse, for the listener that gets the message. */
  private static final ThreadLocal<Boolean> UNPARSEABLE = new ThreadLocal<>();

  private final MeterRegistry registry;

  MalformedRequests(MeterRegistry registry) {
    this.registry = registry;
  }

  /** {@code service} with every method's request parsing checked and counted. */
  ServerServiceDefinition checked(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
        .setSchemaDescriptor(original.getSchemaDescriptor());
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> checked = checked(method);
      methods.add(checked);
      descriptor.addMethod(checked.getMethodDescriptor());
    }
    ServerServiceDefinition.Builder out = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(out::addMethod);
    return out.build();
  }

  private <Q, R> ServerMethodDefinition<Q, R> checked(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
    MethodDescriptor.Marshaller<Q> parser = descriptor.getRequestMarshaller();
    String name = descriptor.getFullMethodName();
    Counter malformed = Counter.builder("sotto.rpc.malformed")
        .description("Requests that were not a valid message of their method's type")
        .tag("method", name).register(registry);
    MethodDescriptor.Marshaller<Q> checking = new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(Q value) {
        return parser.stream(value);
      }

      @Override
      public Q parse(InputStream stream) {
        try {
          return parser.parse(stream);
        } catch (RuntimeException e) {
          // Thrown from here, gRPC would end the call as UNKNOWN; hand the listener below an
          // empty message and the news instead, on this same thread (gRPC parses a request and
          // delivers it in one go), and let it refuse the call.
          malformed.increment();
          UNPARSEABLE.set(Boolean.TRUE);
          return parser.parse(new ByteArrayInputStream(new byte[0]));
        }
      }
    };
    ServerCallHandler<Q, R> service = method.getServerCallHandler();
    ServerCallHandler<Q, R> refusing = (call, headers) ->
        new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
            service.startCall(call, headers)) {
          private boolean refused;

          @Override
          public void onMessage(Q message) {
            boolean unparseable = UNPARSEABLE.get() != null;
            UNPARSEABLE.remove();
            if (unparseable && !refused) {
              refused = true;
              call.close(Status.INVALID_ARGUMENT.withDescription("the request is not a valid "
                  + name + " message"), new Metadata());
            }
            if (!refused) {
              super.onMessage(message);
            }
          }

          @Override
          public void onHalfClose() {
            if (!refused) {
              super.onHalfClose();
            }
          }
        };
    return ServerMethodDefinition.create(
        descriptor.toBuilder().setRequestMarshaller(checking).build(), refusing);
  }
}
