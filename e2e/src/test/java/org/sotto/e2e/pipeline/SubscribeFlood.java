package org.sotto.e2e.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.server.ManagedGrpcServer;
import org.sotto.core.tls.TlsContexts;
import org.sotto.proto.ClientGatewayGrpc;
import org.sotto.proto.RoundEvent;
import org.sotto.proto.SubscribeRequest;

/**
 * Anonymous Subscribe streams (no ticket), each on its own TLS connection from a chosen loopback
 * address, left open until closed: what a host flooding the coordinator does.
 */
public final class SubscribeFlood implements AutoCloseable {
  public final AtomicInteger admitted = new AtomicInteger();
  public final AtomicInteger refused = new AtomicInteger();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final ClusterDescriptor descriptor;

  public SubscribeFlood(ClusterDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** Opens {@code sessions} streams from {@code address} and waits until each is answered. */
  public void open(String address, int sessions) throws InterruptedException {
    CountDownLatch answered = new CountDownLatch(sessions);
    for (int i = 0; i < sessions; i++) {
      ManagedChannel channel = NettyChannelBuilder.forAddress(descriptor.coordinator().host(),
              descriptor.coordinator().port())
          .sslContext(TlsContexts.pinned(descriptor.caCertificate()))
          .maxInboundMessageSize(ManagedGrpcServer.MAX_INBOUND_MESSAGE_BYTES)
          .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
            @Override
            public InetSocketAddress createSocketAddress(java.net.SocketAddress remote,
                io.grpc.Attributes attrs) {
              return new InetSocketAddress(address, 0);
            }
          })
          .build();
      channels.add(channel);
      ClientGatewayGrpc.newStub(channel).subscribe(
          SubscribeRequest.newBuilder().setClientVersion("flood/3").build(),
          new StreamObserver<>() {
            private boolean counted;

            @Override
            public void onNext(RoundEvent event) {
              if (event.hasWelcome() && !counted) {
                counted = true;
                admitted.incrementAndGet();
                answered.countDown();
              }
            }

            @Override
            public void onError(Throwable t) {
              if (!counted) {
                counted = true;
                if (Status.fromThrowable(t).getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                  refused.incrementAndGet();
                }
                answered.countDown();
              }
            }

            @Override
            public void onCompleted() {}
          });
    }
    assertThat(answered.await(60, TimeUnit.SECONDS)).as("every flood session was answered")
        .isTrue();
  }

  @Override
  public void close() {
    channels.forEach(ManagedChannel::shutdownNow);
  }
}
