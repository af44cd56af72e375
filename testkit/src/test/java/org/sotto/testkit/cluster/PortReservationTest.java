package org.sotto.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reserved port cannot be taken by anyone else until it is released to its server. */
class PortReservationTest {

  private static ServerSocket bind(int port) throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return socket;
  }

  @Test
  void aHeldPortRefusesOtherBindersAndIsFreeOnceReleased() throws Exception {
    try (PortReservation reserved = PortReservation.take(2)) {
      List<Integer> ports = reserved.ports();
      assertThat(ports).hasSize(2).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p)
          .isPositive());
      assertThatThrownBy(() -> bind(ports.get(0)).close()).isInstanceOf(BindException.class);

      reserved.release(List.of(ports.get(0)));
      try (ServerSocket server = bind(ports.get(0))) {
        assertThat(server.getLocalPort()).isEqualTo(ports.get(0));
      }
      assertThatThrownBy(() -> bind(ports.get(1)).close()).as("the other one is still held")
          .isInstanceOf(BindException.class);
    }
  }
}
