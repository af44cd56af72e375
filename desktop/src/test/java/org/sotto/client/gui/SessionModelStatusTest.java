package org.sotto.client.gui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sotto.client.RoundStatus;

/** What the status bar reads from the session: a lost connection leaves nothing stale. */
class SessionModelStatusTest {

  @Test
  void goingDownForgetsTheLastRoundAndKeepsTheFirstMomentItWentDown() {
    SessionModel model = new SessionModel("alice", null, "");
    model.setConnection(true, 1_000);
    model.round(new RoundStatus(7, RoundStatus.Kind.OPENED, ""));
    model.round(new RoundStatus(7, RoundStatus.Kind.COMPLETED, ""));
    assertThat(model.lastOutcome()).isNotNull();

    model.setConnection(false, 5_000);
    model.setConnection(false, 9_000); // a retry that failed too
    assertThat(model.connected()).isFalse();
    assertThat(model.disconnectedSince()).as("since the first failure").isEqualTo(5_000);
    assertThat(model.lastOutcome()).as("no stale outcome while down").isNull();
    assertThat(model.currentRound()).isNegative();

    model.setConnection(true, 12_000);
    model.setConnection(false, 20_000);
    assertThat(model.disconnectedSince()).isEqualTo(20_000);
  }

  @Test
  void anInvitedContactWaitsUntilTheFirstSignOfThem() {
    ConversationModel c = new ConversationModel("bob");
    assertThat(c.answered()).as("not invited: nothing to announce").isFalse();
    c.invited();
    assertThat(c.waitingForAnswer()).isTrue();
    assertThat(c.answered()).isTrue();
    assertThat(c.waitingForAnswer()).isFalse();
    assertThat(c.answered()).as("announced once").isFalse();
  }
}
