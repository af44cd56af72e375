package org.sotto.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListenersTest {
  @Test
  void aListenerThatThrowsDoesNotSilenceTheOthersNorTheCaller() {
    Listeners listeners = new Listeners();
    List<String> told = new ArrayList<>();
    listeners.add(new SottoListener() {
      @Override
      public void connectionChanged(boolean connected, String detail) {
        throw new IllegalStateException("a broken window");
      }
    });
    listeners.add(new SottoListener() {
      @Override
      public void connectionChanged(boolean connected, String detail) {
        told.add(detail);
      }
    });
    listeners.tell(l -> l.connectionChanged(false, "coordinator down"));
    assertThat(told).containsExactly("coordinator down");
  }
}
