package org.sotto.core.server;

import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.sotto.core.tls.ClusterPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call which RPC of a server-to-server service. Mutual TLS proves that a caller holds a
 * certificate from the cluster CA; this interceptor reads the caller's role and name from that
 * certificate ({@link ClusterPeer}) and lets each method through only for the nodes the chain
 * says: a mix's round control only from the coordinator, its batches only from the coordinator
 * (first mix) or the previous mix, a dead-drop shard's exchange only from the last mix. Every
 * other call, including any method not listed, is refused with PERMISSION_DENIED before the
 * service sees it, counted through {@link Refusals} and logged with the caller's name, so that an
 * operator sees which node misbehaved rather than a failed round blamed on an honest one.
 */
public final class CallerPolicy implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(CallerPolicy.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Where refusals are counted (a node's metrics). */
  @FunctionalInterface
  public interface Refusals {
    void refused(String method, String caller);

    /** Called once per guarded method when the policy is built, before any call. */
    default void guarding(String method) {}
  }

  private final String server;
  private final Map<String, Set<ClusterPeer>> allowed;
  private final Refusals refusals;
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();

  private CallerPolicy(String server, Map<String, Set<ClusterPeer>> allowed, Refusals refusals) {
    this.server = server;
    this.allowed = Map.copyOf(allowed);
    this.refusals = refusals;
  }

  /** A policy for the server named {@code server} (for log lines and refusal messages). */
  public static Builder forServer(String server) {
    return new Builder(server);
  }

  /** Collects, method by method, the nodes allowed to call. */
  public static final class Builder {
    private final String server;
    private final Map<String, Set<ClusterPeer>> allowed = new HashMap<>();

    private Builder(String server) {
      this.server = server;
    }

    public Builder allow(MethodDescriptor<?, ?> method, ClusterPeer... callers) {
      allowed.put(method.getFullMethodName(), Set.of(callers));
      return this;
    }

    public CallerPolicy build(Refusals refusals) {
      allowed.keySet().forEach(m -> refusals.guarding(
          io.grpc.MethodDescriptor.extractBareMethodName(m)));
      return new CallerPolicy(server, allowed, refusals);
    }
  }

  /** {@code service} with this policy in front of every one of its methods. */
  public BindableService guard(BindableService service) {
    return () -> ServerInterceptors.intercept(service, this);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<ClusterPeer> caller = callerOf(call);
    Set<ClusterPeer> who = allowed.get(method);
    if (caller.isPresent() && who != null && who.contains(caller.get())) {
      return next.startCall(call, headers);
    }
    String callerName = caller.map(ClusterPeer::toString)
        .orElse("a caller whose certificate names no Sotto node");
    refusals.refused(call.getMethodDescriptor().getBareMethodName(),
        caller.map(ClusterPeer::name).orElse("unknown"));
    logThrottled(method, callerName);
    call.close(Status.PERMISSION_DENIED.withDescription(
        callerName + " may not call " + method + " on " + server), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  /** One line per caller and method a minute: a flood of refused calls must not flood the log. */
  private void logThrottled(String method, String callerName) {
    long now = System.nanoTime();
    String key = method + " " + callerName;
    Long last = lastLogged.get(key);
    if (last == null || now - last > LOG_EVERY_NANOS) {
      lastLogged.put(key, now);
      LOG.warn("{} refused {} from {}: that node's role may not make this call "
          + "(further refusals of the same call are counted, and logged once a minute)",
          server, method, callerName);
    }
  }

  private static Optional<ClusterPeer> callerOf(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf
          ? ClusterPeer.of(leaf) : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }
}
