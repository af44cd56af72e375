package org.sotto.testkit.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free localhost ports, each held by a bound socket until {@link #release} hands it to the
 * server that binds it next (the operating system chose it: bound to port 0).
 */
final class PortReservation implements AutoCloseable {
  private final Map<Integer, ServerSocket> held = new LinkedHashMap<>();

  static PortReservation take(int n) throws IOException {
    PortReservation r = new PortReservation();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // the server binds right after: no TIME_WAIT in between
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        r.held.put(socket.getLocalPort(), socket);
      }
    } catch (IOException e) {
      r.close();
      throw e;
    }
    return r;
  }

  List<Integer> ports() {
    return List.copyOf(held.keySet());
  }

  void release(List<Integer> ports) throws IOException {
    for (int port : ports) {
      ServerSocket socket = held.remove(port);
      if (socket != null) {
        socket.close();
      }
    }
  }

  @Override
  public void close() throws IOException {
    release(List.copyOf(held.keySet()));
  }
}
