package org.sotto.client.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sotto.client.identity.Contact;

class InvitationInboxTest {
  private final InvitationInbox inbox = new InvitationInbox();

  private static IncomingInvitation from(byte key, long startRound, long dialingRound) {
    byte[] signing = new byte[65];
    signing[1] = key;
    return new IncomingInvitation(new Contact("alice", signing, new byte[32]), startRound,
        dialingRound, new byte[32]);
  }

  @Test
  void aResentInvitationIsOneCallEvenAfterItWasAnswered() {
    assertThat(inbox.add(from((byte) 1, 500, 10))).isTrue();
    assertThat(inbox.add(from((byte) 1, 500, 11))).as("same call, later round").isFalse();
    assertThat(inbox.pending()).hasSize(1);
    assertThat(inbox.remove(from((byte) 1, 500, 10))).isTrue();
    assertThat(inbox.add(from((byte) 1, 500, 12))).as("answered already").isFalse();
    assertThat(inbox.remove(from((byte) 1, 500, 10))).isFalse();
  }

  @Test
  void anotherStartRoundOrAnotherKeyIsAnotherCall() {
    assertThat(inbox.add(from((byte) 1, 500, 10))).isTrue();
    assertThat(inbox.add(from((byte) 1, 600, 10))).isTrue();
    assertThat(inbox.add(from((byte) 2, 500, 10))).isTrue();
    assertThat(inbox.pending()).hasSize(3);
  }

  @Test
  void theOldestPendingInvitationIsForgottenBeyondTheBound() {
    for (int i = 0; i <= InvitationInbox.MAX_PENDING; i++) {
      inbox.add(from((byte) 1, i, 10));
    }
    assertThat(inbox.pending()).hasSize(InvitationInbox.MAX_PENDING);
    assertThat(inbox.pending().get(0).startRound()).isEqualTo(1);
  }
}
