package org.sotto.core.crypto;

import java.security.MessageDigest;

/** Comparisons whose running time does not depend on where the inputs differ. */
public final class ConstantTime {
  private ConstantTime() {}

  /** True when both ranges hold the same bytes. Time depends only on the length. */
  public static boolean equals(byte[] a, int aOff, byte[] b, int bOff, int length) {
    int diff = 0;
    for (int i = 0; i < length; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return diff == 0;
  }

  /** True when both arrays hold the same bytes; {@link MessageDigest#isEqual} is constant-time. */
  public static boolean equals(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  /** True when every byte of the range is zero, without an early exit. */
  public static boolean isAllZero(byte[] a, int off, int length) {
    int acc = 0;
    for (int i = 0; i < length; i++) {
      acc |= a[off + i];
    }
    return acc == 0;
  }
}
