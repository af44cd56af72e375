package org.sotto.core.cluster;

/**
 * Which shard owns a dead-drop ID: the first four bytes, big-endian unsigned, modulo the number
 * of shards. IDs are HMAC outputs, so shards get an even share.
 */
public final class DeadDropRouting {
  private DeadDropRouting() {}

  public static int shardOf(byte[] item, int offset, int shards) {
    long prefix = ((item[offset] & 0xFFL) << 24) | ((item[offset + 1] & 0xFFL) << 16)
        | ((item[offset + 2] & 0xFFL) << 8) | (item[offset + 3] & 0xFFL);
    return (int) (prefix % shards);
  }
}
