package org.sotto.coordinator;

/**
 * Told of every request message the coordinator receives, on any of its services (rounds,
 * dialing, directory), with who sent it as the transport sees it: what an observer at the
 * coordinator learns from calls alone, for conformance audits that check every kind of client
 * makes the same calls. Called on the gRPC thread before the service runs; keep it quick.
 * Nothing is installed unless one is added, so a coordinator without observers pays nothing.
 */
@FunctionalInterface
public interface CallObserver {

  /**
   * @param method the full gRPC method name, e.g. {@code sotto.v1.ClientGateway/SubmitOnions}
   * @param peer the caller's transport address (one TLS connection per client channel)
   * @param requestBytes the serialized size of the request message
   * @param arrivedNanos {@link System#nanoTime()} when the message was handed to the service
   */
  void request(String method, String peer, int requestBytes, long arrivedNanos);
}
