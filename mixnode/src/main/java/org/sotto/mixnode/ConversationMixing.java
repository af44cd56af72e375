package org.sotto.mixnode;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.sotto.core.cluster.ClusterDescriptor;
import org.sotto.core.noise.LaplaceNoise;
import org.sotto.core.noise.NoiseCounts;
import org.sotto.core.round.RoundKind;
import org.sotto.core.rpc.Batch;
import org.sotto.core.wire.WireSizes;

/**
 * Conversation rounds (docs/protocol.md §6, Vuvuzela §4): two-way, opened without settings; the
 * noise is Vuvuzela's, {@code singles} exchange requests to fresh random dead drops and
 * {@code doubles / 2} pairs sharing one, with random message bytes (docs/protocol.md §10);
 * the next hop is the next mix or, at the end of the chain, the dead-drop shards, and each reply
 * goes back sealed under its request's reply key.
 */
final class ConversationMixing implements RoundKindService<Void, byte[][], Batch> {
  private final LaplaceNoise noise;
  private final NextHop<Void, byte[][]> next;
  private final int replySize;

  /**
   * @param next the next mix's MixBatch, or the {@link DeadDropRouter} at the last mix
   */
  ConversationMixing(ClusterDescriptor descriptor, int position, NextHop<Void, byte[][]> next) {
    this(descriptor, descriptor.noise(), position, next);
  }

  /** As above, adding {@code noise} instead of the descriptor's (a faulty mix). */
  ConversationMixing(ClusterDescriptor descriptor, ClusterDescriptor.NoiseSettings noise,
      int position, NextHop<Void, byte[][]> next) {
    this.noise = new LaplaceNoise(noise.mu(), noise.b());
    this.next = next;
    this.replySize = WireSizes.replySize(descriptor.chainLength() - position);
  }

  @Override
  public RoundKind kind() {
    return RoundKind.CONVERSATION;
  }

  @Override
  public Optional<String> invalid(Void settings) {
    return Optional.empty();
  }

  @Override
  public boolean bidirectional() {
    return true;
  }

  @Override
  public NoisePayloads drawNoise(Void settings, SecureRandom random) {
    return payloads(NoiseCounts.sample(noise, random), random);
  }

  /** Noise of the counts given: every single to its own random dead drop, pairs to a shared one. */
  static NoisePayloads payloads(NoiseCounts counts, SecureRandom random) {
    int singles = Math.toIntExact(counts.singles());
    int total = Math.toIntExact(counts.total());
    byte[][] pairIds = new byte[(total - singles) / 2][WireSizes.DEAD_DROP_ID];
    for (byte[] id : pairIds) {
      random.nextBytes(id);
    }
    return new NoisePayloads() {
      @Override
      public int count() {
        return total;
      }

      @Override
      public byte[] payload(int j, SecureRandom r) {
        byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
        r.nextBytes(request);
        if (j >= singles) {
          System.arraycopy(pairIds[(j - singles) / 2], 0, request, 0, WireSizes.DEAD_DROP_ID);
        }
        return request;
      }

      @Override
      public long[] draws() {
        return new long[] {counts.singles(), counts.doubles()};
      }
    };
  }

  @Override
  public CompletableFuture<byte[][]> forward(Batch shuffled, Void settings) {
    return next.forward(shuffled, settings);
  }

  @Override
  public Batch answer(long round, byte[][] downstream, ReplyPath replies) {
    return new Batch(round, replySize, replies.reverse(downstream));
  }
}
