package org.sotto.core.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** A failed call is described in words, never with the status's own dump of its cause. */
class ChannelsDescribeTest {

  @Test
  void anUnreachableServerIsSaidInWordsWithoutTheCausesTrace() {
    Status status = Status.UNAVAILABLE.withDescription("io exception")
        .withCause(new ConnectException("Connection refused: localhost/127.0.0.1:7000"));
    assertThat(status.toString()).as("what used to reach the chat screen").contains("at ");
    String said = Channels.describe(status);
    assertThat(said).isEqualTo("the server cannot be reached");
  }

  @Test
  void otherCodesKeepTheServersDescriptionButNoJavaTypes() {
    String said = Channels.describe(Status.INTERNAL.withDescription("round 7 failed")
        .withCause(new IllegalStateException("boom")));
    assertThat(said).contains("INTERNAL", "round 7 failed").doesNotContain("Exception")
        .doesNotContain("java.");
  }
}
