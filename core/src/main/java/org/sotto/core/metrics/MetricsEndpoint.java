package org.sotto.core.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sotto.core.concurrent.NamedThreads;
import org.sotto.core.config.HostPort;

/**
 * Serves one registry's Prometheus text exposition at {@code GET /metrics} over plain HTTP. The
 * JDK's own server is enough for a scrape every few seconds and adds no dependency; it is plain
 * HTTP because Prometheus scrapes from inside the operator's network (bind it there, never to a
 * public address: see docs/operator-guide.md).
 */
final class MetricsEndpoint implements AutoCloseable {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private MetricsEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static MetricsEndpoint start(HostPort address, PrometheusMeterRegistry registry)
      throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address.host(), address.port()), 16);
    } catch (BindException e) {
      throw new IOException("metrics: cannot listen on " + address + " (" + e.getMessage()
          + "); pick a free port for 'metrics' in the config, or remove the key to turn "
          + "metrics off", e);
    }
    server.createContext("/metrics", exchange -> serve(exchange, registry));
    server.createContext("/", exchange -> reply(exchange, 404, "see /metrics\n"));
    // One thread: scrapes are rare and cheap, and a slow scraper must not cost the node threads.
    ExecutorService executor = Executors.newSingleThreadExecutor(
        NamedThreads.daemon("metrics-http"));
    server.setExecutor(executor);
    server.start();
    return new MetricsEndpoint(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void serve(HttpExchange exchange, PrometheusMeterRegistry registry)
      throws IOException {
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      reply(exchange, 405, "GET /metrics\n");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    reply(exchange, 200, registry.scrape());
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    try (exchange) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
