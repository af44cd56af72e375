package org.sotto.mixnode;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.ConfigException;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.metrics.NodeMetrics;
import org.sotto.core.rpc.Batch;
import org.sotto.core.rpc.Buckets;
import org.sotto.core.rpc.Channels;
import org.sotto.core.server.CallerPolicy;
import org.sotto.core.server.ManagedGrpcServer;
import org.sotto.core.tls.TlsContexts;

/**
 * A running mix node: its gRPC server (mutual TLS only), one {@link MixEngine} per kind of round
 * with its next hops, and its worker pool.
 */
public final class MixNodeServer implements AutoCloseable {
  private final ManagedGrpcServer server;
  /** Closes the channels to the next hop: the next mix, or the dead-drop shards. */
  private final Runnable closeHop;
  private final MixContext mix;
  private final MixCounters counters;
  private final DialingCounters dialingCounters;
  private final MixObservers observers;

  private MixNodeServer(ManagedGrpcServer server, Runnable closeHop, MixContext mix,
      MixCounters counters, DialingCounters dialingCounters, MixObservers observers) {
    this.observers = observers;
    this.server = server;
    this.closeHop = closeHop;
    this.mix = mix;
    this.counters = counters;
    this.dialingCounters = dialingCounters;
  }

  public static MixNodeServer start(MixNodeConfig config) throws IOException, ConfigException {
    ClusterDescriptor descriptor = ClusterDescriptor.load(config.descriptor());
    return start(config, descriptor, descriptor.noise(), descriptor.dialing().noise());
  }

  /**
   * A faulty mix: it signs its round keys for the cluster as its descriptor describes it, and
   * adds {@code conversationNoise} per round and {@code dialingNoise} per bucket instead of the
   * descriptor's noise, which no client or other mix can see from the keys. For tests that check
   * such a mix is noticed ({@code sotto audit}'s noise check); never for a cluster in use.
   */
  public static MixNodeServer startWithWrongNoise(MixNodeConfig config,
      ClusterDescriptor.NoiseSettings conversationNoise,
      ClusterDescriptor.NoiseSettings dialingNoise) throws IOException, ConfigException {
    return start(config, ClusterDescriptor.load(config.descriptor()), conversationNoise,
        dialingNoise);
  }

  private static MixNodeServer start(MixNodeConfig config, ClusterDescriptor descriptor,
      ClusterDescriptor.NoiseSettings conversationNoise,
      ClusterDescriptor.NoiseSettings dialingNoise) throws IOException, ConfigException {
    MixNodeIdentity identity = MixNodeIdentity.of(config, descriptor);
    int position = identity.position();
    SslContext peerTls = TlsContexts.client(config.tls().caCertificate(), config.tls());
    MixContext mix = new MixContext(descriptor, position, identity.signingKey(),
        X25519Engines.best(), new ForkJoinPool(config.effectiveWorkers()),
        NoiseAhead.oneThread("mix-" + position + "-noise-ahead"));
    MixCounters counters = new MixCounters();
    DialingCounters dialingCounters = new DialingCounters();
    Runnable closeHop;
    ConversationMixing conversation;
    DialingMixing dialing;
    if (mix.isLast()) {
      DeadDropRouter deadDrops = new DeadDropRouter(
          descriptor.deadDrops().stream().map(s -> s.name()).toList(),
          descriptor.deadDrops().stream().map(s -> Channels.open(s.address(), peerTls)).toList(),
          config.forwardTimeoutMs());
      closeHop = deadDrops::close;
      conversation = new ConversationMixing(descriptor, conversationNoise, position, deadDrops);
      dialing = new DialingMixing(descriptor, dialingNoise, new BucketSort(dialingCounters));
    } else {
      ClusterDescriptor.MixEntry nextEntry = descriptor.mixes().get(position + 1);
      ManagedChannel channel = Channels.open(nextEntry.address(), peerTls);
      NextMix next = new NextMix(nextEntry.name(), channel, config.forwardTimeoutMs());
      closeHop = next::close;
      conversation = new ConversationMixing(descriptor, conversationNoise, position,
          next.conversation(descriptor.chainLength() - position - 2));
      dialing = new DialingMixing(descriptor, dialingNoise, next.dialing(config.maxBatch()));
    }
    MixObservers observers = new MixObservers();
    MixEngine<Void, byte[][], Batch> conversationEngine =
        new MixEngine<>(mix, conversation, counters, RoundTable.Timing.system(), observers);
    MixEngine<DialingMixing.Settings, Buckets, Buckets> dialingEngine =
        new MixEngine<>(mix, dialing, dialingCounters, RoundTable.Timing.system(), observers);
    try {
      NodeMetrics metrics = NodeMetrics.start("mixnode", config.name(), config.metrics());
      MixMetrics.bind(metrics.registry(), counters);
      MixMetrics.bindDialing(metrics.registry(), dialingCounters);
      CallerPolicy callers = MixCallers.of(descriptor, position).build(metrics.refusedCalls());
      ManagedGrpcServer server = ManagedGrpcServer.start("mix node " + config.name(),
          config.listen(), TlsContexts.server(config.tls(), true),
          List.of(callers.guard(new MixNodeService(conversationEngine, config.maxBatch())),
              callers.guard(new MixDialingService(dialingEngine, config.maxBatch()))),
          metrics, config.health());
      return new MixNodeServer(server, closeHop, mix, counters, dialingCounters, observers);
    } catch (IOException | RuntimeException e) {
      release(closeHop, mix);
      throw e;
    }
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

  /** Told of the noise and the permutation of every round this mix mixes, of either kind. */
  public void addObserver(MixObserver observer) {
    observers.add(observer);
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
    release(closeHop, mix);
  }

  @Override
  public void close() {
    server.close();
    release(closeHop, mix);
  }

  private static void release(Runnable closeHop, MixContext mix) {
    closeHop.run();
    mix.noiseAhead().close();
    mix.pool().shutdownNow();
  }
}
