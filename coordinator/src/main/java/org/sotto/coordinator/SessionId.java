package org.sotto.coordinator;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;

/** A random 32-byte handle a client presents with each submission (Welcome.session_id). */
record SessionId(ByteString bytes) {
  private static final SecureRandom RANDOM = new SecureRandom();

  static SessionId random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return new SessionId(ByteString.copyFrom(b));
  }
}
