package org.sotto.core.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.OptionalInt;
import org.sotto.core.SottoVersion;
import org.sotto.core.config.HostPort;

/**
 * One server's meters. Every node has a registry, so roles record into it unconditionally; only
 * when its config names a {@code metrics} address are the JVM meters added and the registry served
 * for Prometheus. Every series carries {@code role} and {@code node} tags, so nodes that share a
 * process (the demo, tests) stay apart.
 */
public final class NodeMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final MetricsEndpoint endpoint;
  private final JvmGcMetrics gc;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private NodeMetrics(PrometheusMeterRegistry registry, MetricsEndpoint endpoint,
      JvmGcMetrics gc) {
    this.registry = registry;
    this.endpoint = endpoint;
    this.gc = gc;
  }

  /**
   * @param role coordinator, mixnode or deaddrop
   * @param node the node's name in the cluster descriptor
   * @param address where to serve {@code /metrics}; null keeps the meters in-process only
   */
  public static NodeMetrics start(String role, String node, HostPort address)
      throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(Tags.of("role", role, "node", node));
    // The usual Prometheus info metric: constant 1, the facts in labels. Mixed versions in one
    // cluster show up as two series (every node of a cluster must run the same version).
    Gauge.builder("sotto.build.info", () -> 1)
        .description("Always 1; the version of Sotto this node runs is in the 'version' label")
        .tag("version", SottoVersion.current()).register(registry);
    if (address == null) {
      return new NodeMetrics(registry, null, null);
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    try {
      return new NodeMetrics(registry, MetricsEndpoint.start(address, registry), gc);
    } catch (IOException | RuntimeException e) {
      gc.close();
      registry.close();
      throw e;
    }
  }

  /** Meters kept in-process only (for callers that run a server without a config file). */
  public static NodeMetrics inProcess(String role, String node) {
    try {
      return start(role, node, null);
    } catch (IOException e) {
      throw new IllegalStateException("no endpoint was asked for", e);
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Where a {@link org.sotto.core.server.CallerPolicy} counts the calls it refused:
   * {@code sotto_rpc_refused_total{method, caller}}, the caller being a node name from the
   * descriptor (or "unknown"), so the series stay few.
   */
  public org.sotto.core.server.CallerPolicy.Refusals refusedCalls() {
    return new org.sotto.core.server.CallerPolicy.Refusals() {
      @Override
      public void refused(String method, String caller) {
        counter(method, caller).increment();
      }

      /** The series exists from the start (at 0), so dashboards and rate() see it at once. */
      @Override
      public void guarding(String method) {
        counter(method, "unknown");
      }

      private io.micrometer.core.instrument.Counter counter(String method, String caller) {
        return io.micrometer.core.instrument.Counter.builder("sotto.rpc.refused")
            .description("Calls refused because the caller's role may not make them "
                + "(PERMISSION_DENIED), by method and calling node")
            .tags("method", method, "caller", caller).register(registry);
      }
    };
  }

  /** The port {@code /metrics} is served on (useful with port 0), or empty when not served. */
  public OptionalInt port() {
    return endpoint == null ? OptionalInt.empty() : OptionalInt.of(endpoint.port());
  }

  /** The Prometheus text exposition of every meter, as a scrape would return it. */
  public String scrape() {
    return registry.scrape();
  }

  /** Idempotent: a server's error path and its owner may both close it. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (endpoint != null) {
      endpoint.close();
    }
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
