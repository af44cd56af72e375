package org.sotto.core.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sotto.core.crypto.Randoms;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.round.Shuffle;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * The per-batch steps of a mix round besides the peel (OnionBenchmark has peel, wrap and seal):
 * the within-round duplicate check, the shuffle (with the buffered per-thread DRBG the mixes use,
 * and with a plain {@code new SecureRandom()} for comparison), the random bytes of a noise request
 * (per-thread DRBG against the JVM-wide NativePRNG), laying a batch out as chunk bytes and copying
 * items back out of a chunk, and a client opening a three-layer reply.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MixStepsBenchmark {
  @Param({"14000"})
  int batch;

  private byte[][] onions;
  private final SecureRandom nativePrng = new SecureRandom();
  private final byte[] request = new byte[WireSizes.EXCHANGE_REQUEST];
  private WrappedOnion threeLayers;
  private byte[] threeLayerReply;
  private ByteString chunk;

  @Setup
  public void setUp() throws RejectedInputException {
    SecureRandom random = Randoms.perThread();
    int size = WireSizes.onionSize(1);
    onions = new byte[batch][size];
    for (byte[] o : onions) {
      random.nextBytes(o);
    }
    X25519 x25519 = X25519Engines.best();
    List<byte[]> keys = List.of(X25519KeyPair.generate(x25519, random).publicKey(),
        X25519KeyPair.generate(x25519, random).publicKey(),
        X25519KeyPair.generate(x25519, random).publicKey());
    threeLayers = new OnionWrapper(x25519).wrap(7, keys, request, random);
    byte[] reply = new byte[WireSizes.EXCHANGE_REPLY];
    for (int i = threeLayers.replyKeys().size() - 1; i >= 0; i--) {
      reply = threeLayers.replyKeys().get(i).seal(reply);
    }
    threeLayerReply = reply;
    byte[] buf = new byte[455 * size];
    random.nextBytes(buf);
    chunk = UnsafeByteOperations.unsafeWrap(buf);
  }

  @Benchmark
  public int duplicateCheck() {
    Set<ByteBuffer> seen = new HashSet<>(onions.length * 2);
    int dups = 0;
    for (byte[] o : onions) {
      if (!seen.add(ByteBuffer.wrap(o, 0, WireSizes.X25519_KEY).slice())) {
        dups++;
      }
    }
    return dups;
  }

  @Benchmark
  public Shuffle shuffleBufferedDrbg() {
    return Shuffle.random(batch, Randoms.buffered(Randoms.perThread()));
  }

  @Benchmark
  public Shuffle shuffleNativePrng() {
    return Shuffle.random(batch, nativePrng);
  }

  @Benchmark
  public byte[] noiseBytesPerThreadDrbg() {
    Randoms.perThread().nextBytes(request);
    return request;
  }

  @Benchmark
  public byte[] noiseBytesNativePrng() {
    nativePrng.nextBytes(request);
    return request;
  }

  /** A chunk of 455 onions (256 KiB) laid out for the wire, as ChunkWriter does. */
  @Benchmark
  public byte[] chunkLayout() {
    int size = onions[0].length;
    byte[] buf = new byte[455 * size];
    for (int i = 0; i < 455; i++) {
      System.arraycopy(onions[i], 0, buf, i * size, size);
    }
    return buf;
  }

  /** The items of one received chunk copied out, as BatchReceiver does. */
  @Benchmark
  public byte[][] chunkItems() {
    int size = onions[0].length;
    byte[][] items = new byte[455][];
    for (int i = 0; i < 455; i++) {
      byte[] item = new byte[size];
      chunk.copyTo(item, i * size, 0, size);
      items[i] = item;
    }
    return items;
  }

  @Benchmark
  public byte[] openThreeLayerReply() throws RejectedInputException {
    return threeLayers.openReply(threeLayerReply);
  }
}
