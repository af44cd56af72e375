package org.sotto.core.fuzz;

import java.util.Arrays;

/**
 * Reads structured values off a fuzzer's raw bytes, front to back. Raw {@code byte[]} targets keep
 * seed files plain (a seed is the bytes themselves) and let Java seeds be recorded for fuzzing.
 * Reading past the end yields zeros or shorter arrays, never an exception.
 */
final class FuzzInput {
  private final byte[] data;
  private int pos;

  FuzzInput(byte[] data) {
    this.data = data;
  }

  int u8() {
    return pos < data.length ? data[pos++] & 0xFF : 0;
  }

  long u64() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | u8();
    }
    return v;
  }

  int u32() {
    return (int) (u64() >>> 32);
  }

  /** Exactly {@code n} bytes, zero-padded when the input runs out. */
  byte[] exactly(int n) {
    byte[] out = new byte[n];
    int k = Math.min(n, data.length - pos);
    System.arraycopy(data, pos, out, 0, k);
    pos += k;
    return out;
  }

  /** A length byte, then up to that many bytes: any length from 0 to 255. */
  byte[] sized() {
    int n = u8();
    int k = Math.min(n, data.length - pos);
    byte[] out = Arrays.copyOfRange(data, pos, pos + k);
    pos += k;
    return out;
  }

  /** {@code n} bytes, or any length when the mode bit says so: fixed sizes and wrong sizes both. */
  byte[] exactlyOrSized(boolean anyLength, int n) {
    return anyLength ? sized() : exactly(n);
  }

  /** Everything not read yet. */
  byte[] rest() {
    byte[] out = Arrays.copyOfRange(data, pos, data.length);
    pos = data.length;
    return out;
  }
}
