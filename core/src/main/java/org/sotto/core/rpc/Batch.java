package org.sotto.core.rpc;

/** A round's worth of fixed-size items moving between two servers. */
public record Batch(long round, int itemSize, byte[][] items) {

  public Batch {
    for (byte[] item : items) {
      if (item.length != itemSize) {
        throw new IllegalArgumentException("every item of a batch must be " + itemSize + " bytes");
      }
    }
  }
}
