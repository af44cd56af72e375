package org.sotto.mixnode;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.rpc.Channels;
import org.sotto.core.server.ManagedGrpcServer;
import org.sotto.core.tls.TlsContexts;

/** A running mix node: its gRPC server (mutual TLS only), its next hop and its worker pool. */
public final class MixNodeServer implements AutoCloseable {
  private final ManagedGrpcServer server;
  private final NextHop nextHop;
  private final ForkJoinPool pool;
  private final MixCounters counters;
  private final MixDialingService dialing;
  private final DialingCounters dialingCounters;

  private MixNodeServer(ManagedGrpcServer server, NextHop nextHop, ForkJoinPool pool,
      MixCounters counters, MixDialingService dialing, DialingCounters dialingCounters) {
    this.server = server;
    this.nextHop = nextHop;
    this.pool = pool;
    this.counters = counters;
    this.dialing = dialing;
    this.dialingCounters = dialingCounters;
  }

  public static MixNodeServer start(MixNodeConfig config) throws IOException, ConfigException {
    ClusterDescriptor descriptor = ClusterDescriptor.load(config.descriptor());
    MixNodeIdentity identity = MixNodeIdentity.of(config, descriptor);
    int position = identity.position();
    byte[] signingKey = identity.signingKey();
    SslContext peerTls = TlsContexts.client(config.tls().caCertificate(), config.tls());
    NextHop nextHop = nextHop(descriptor, position, peerTls, config.forwardTimeoutMs());
    ForkJoinPool pool = new ForkJoinPool(config.effectiveWorkers());
    MixCounters counters = new MixCounters();
    MixNodeService service = new MixNodeService(descriptor, position, signingKey,
        X25519Engines.best(), nextHop, counters, pool, config.maxBatch());
    DialingCounters dialingCounters = new DialingCounters();
    MixDialingService dialing = new MixDialingService(descriptor, position, signingKey,
        X25519Engines.best(), nextDialingMix(descriptor, position, peerTls, config),
        dialingCounters, pool, config.maxBatch());
    try {
      NodeMetrics metrics = NodeMetrics.start("mixnode", config.name(), config.metrics());
      MixMetrics.bind(metrics.registry(), counters);
      MixMetrics.bindDialing(metrics.registry(), dialingCounters);
      ManagedGrpcServer server = ManagedGrpcServer.start("mix node " + config.name(),
          config.listen(), TlsContexts.server(config.tls(), true), List.of(service, dialing),
          metrics, config.health());
      return new MixNodeServer(server, nextHop, pool, counters, dialing, dialingCounters);
    } catch (IOException | RuntimeException e) {
      nextHop.close();
      dialing.close();
      pool.shutdownNow();
      throw e;
    }
  }

  private static Optional<NextDialingMix> nextDialingMix(ClusterDescriptor d, int position,
      SslContext tls, MixNodeConfig config) {
    if (position == d.chainLength() - 1) {
      return Optional.empty();
    }
    ClusterDescriptor.MixEntry next = d.mixes().get(position + 1);
    return Optional.of(new NextDialingMix(next.name(), Channels.open(next.address(), tls),
        config.forwardTimeoutMs(), config.maxBatch()));
  }

  private static NextHop nextHop(ClusterDescriptor d, int position, SslContext tls,
      long timeoutMs) {
    if (position < d.chainLength() - 1) {
      ManagedChannel next = Channels.open(d.mixes().get(position + 1).address(), tls);
      return new NextMix(d.mixes().get(position + 1).name(), next,
          d.chainLength() - position - 2, timeoutMs);
    }
    List<ManagedChannel> shards = d.deadDrops().stream()
        .map(s -> Channels.open(s.address(), tls)).toList();
    return new DeadDropRouter(d.deadDrops().stream().map(s -> s.name()).toList(), shards,
        timeoutMs);
  }

  public int port() {
    return server.port();
  }

  public MixCounters counters() {
    return counters;
  }

  public DialingCounters dialingCounters() {
    return dialingCounters;
  }

  /** This node's meters; {@code metrics().port()} is where Prometheus scrapes them. */
  public NodeMetrics metrics() {
    return server.metrics();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  public MixNodeServer closeOnShutdown() {
    server.closeOnShutdown();
    return this;
  }

  /** Stops abruptly: in-flight batches fail, as if the process had died. */
  public void kill() {
    server.kill();
    nextHop.close();
    dialing.close();
    pool.shutdownNow();
  }

  @Override
  public void close() {
    server.close();
    nextHop.close();
    dialing.close();
    pool.shutdownNow();
  }
}
