package org.sotto.client.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sotto.client.store.ConversationTable.Options;

class DisappearingTimerTest {

  @Test
  void mapsStoredOptionsBothWays() {
    for (DisappearingTimer t : DisappearingTimer.values()) {
      assertThat(DisappearingTimer.of(t.options())).isEqualTo(t);
    }
    assertThat(DisappearingTimer.of(null)).isEqualTo(DisappearingTimer.NOT_KEPT);
    assertThat(DisappearingTimer.of(new Options(true, Duration.ofMinutes(30))))
        .isEqualTo(DisappearingTimer.ONE_HOUR);
    assertThat(DisappearingTimer.of(new Options(true, Duration.ofDays(30))))
        .isEqualTo(DisappearingTimer.ONE_WEEK);
    assertThat(DisappearingTimer.ONE_MINUTE.note()).contains("disappear 1 minute after");
  }
}
