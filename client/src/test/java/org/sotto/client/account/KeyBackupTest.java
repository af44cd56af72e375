package org.sotto.client.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.sotto.core.wire.RejectedInputException;

class KeyBackupTest {
  private final SecureRandom random = new SecureRandom();
  private final byte[] key = bytes(32);
  private final KeyBackup.Secrets secrets = new KeyBackup.Secrets(bytes(32), bytes(32));

  @Test
  void opensWithTheRightKeyAndUsername() throws Exception {
    byte[] backup = KeyBackup.seal(secrets, key, "alice", random);
    assertThat(backup).hasSize(KeyBackup.SIZE);
    KeyBackup.Secrets opened = KeyBackup.open(backup, key, "alice");
    assertThat(opened.signingPrivateKey()).isEqualTo(secrets.signingPrivateKey());
    assertThat(opened.x25519PrivateKey()).isEqualTo(secrets.x25519PrivateKey());
  }

  @Test
  void wrongKeyOtherUserAndAnyFlippedBitAreRefused() {
    byte[] backup = KeyBackup.seal(secrets, key, "alice", random);
    assertBadMac(backup, bytes(32), "alice");
    assertBadMac(backup, key, "bob");
    for (int i = 0; i < backup.length; i += 7) {
      byte[] tampered = backup.clone();
      tampered[i] ^= 1;
      assertBadMac(tampered, key, "alice");
    }
  }

  @Test
  void theSecretsDoNotAppearInTheBackup() {
    byte[] backup = KeyBackup.seal(secrets, key, "alice", random);
    String hex = java.util.HexFormat.of().formatHex(backup);
    assertThat(hex).doesNotContain(java.util.HexFormat.of()
        .formatHex(secrets.signingPrivateKey()).substring(0, 16));
    assertThat(KeyBackup.seal(secrets, key, "alice", random)).as("random IV")
        .isNotEqualTo(backup);
  }

  private static void assertBadMac(byte[] backup, byte[] key, String user) {
    assertThatThrownBy(() -> KeyBackup.open(backup, key, user))
        .isInstanceOfSatisfying(RejectedInputException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectedInputException.Reason.BAD_MAC));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
