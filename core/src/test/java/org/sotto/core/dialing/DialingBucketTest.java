package org.sotto.core.dialing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class DialingBucketTest {

  @Test
  void isTheFirstEightBytesOfTheLabelledHashModuloTheBucketCount() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256")
        .digest("sotto/v1/dialing-bucketalice".getBytes(StandardCharsets.US_ASCII));
    long prefix = ByteBuffer.wrap(digest, 0, 8).getLong();
    for (int m : new int[] {1, 2, 7, 1000, Integer.MAX_VALUE}) {
      assertThat(DialingBucket.of("alice", m)).isEqualTo(Long.remainderUnsigned(prefix, m));
    }
  }

  @Test
  void spreadsUsersOverEveryBucket() {
    int m = 8;
    int[] counts = new int[m];
    for (int i = 0; i < 8000; i++) {
      int b = DialingBucket.of("user" + i, m);
      assertThat(b).isBetween(0, m - 1);
      counts[b]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(850, 1150);
    }
  }
}
