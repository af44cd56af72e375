package org.sotto.client.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.config.HostPort;

class StartRoundWindowTest {
  private static final long NOW = 900_000_000L; // a round number of a cluster running for years
  private final StartRoundWindow window = new StartRoundWindow(new ClusterDescriptor("w",
      new HostPort("127.0.0.1", 1), List.of(), List.of(), "", 2000, 1,
      new ClusterDescriptor.NoiseSettings(0, 0)));

  @Test
  void anHonestStartRoundIsAccepted() {
    assertThat(window.problem(NOW, NOW)).isNull();
    assertThat(window.problem(NOW + 3, NOW)).as("the caller saw the round open first").isNull();
    assertThat(window.problem(NOW - 43_200, NOW)).as("an invitation a day old").isNull();
  }

  @Test
  void aStartRoundFarFromNowIsRefusedInWords() {
    assertThat(window.problem(0, NOW)).contains("rounds before the current one");
    assertThat(window.problem(NOW - 3 * 43_200, NOW)).contains("two days");
    assertThat(window.problem(NOW + 1_000, NOW)).contains("rounds after the current one");
  }
}
