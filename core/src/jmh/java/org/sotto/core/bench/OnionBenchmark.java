package org.sotto.core.bench;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sotto.core.crypto.X25519;
import org.sotto.core.crypto.X25519Engines;
import org.sotto.core.crypto.X25519KeyPair;
import org.sotto.core.onion.OnionPeeler;
import org.sotto.core.onion.OnionWrapper;
import org.sotto.core.onion.PeeledLayer;
import org.sotto.core.onion.ReplyKey;
import org.sotto.core.onion.WrappedOnion;
import org.sotto.core.wire.RejectedInputException;
import org.sotto.core.wire.WireSizes;

/**
 * The onion hot paths with the X25519 that {@link X25519Engines#best()} picks: a mix peeling one
 * layer (X25519 + HKDF + HMAC + AES), a client wrapping for three mixes, and a mix sealing one
 * reply layer on the way back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OnionBenchmark {
  private static final long ROUND = 7;

  private final SecureRandom random = new SecureRandom();
  private OnionWrapper wrapper;
  private OnionPeeler peeler;
  private List<byte[]> threeMixes;
  private byte[] request;
  private byte[] oneLayerOnion;
  private ReplyKey replyKey;
  private byte[] answer;

  @Setup
  public void setUp() throws RejectedInputException {
    X25519 x25519 = X25519Engines.best();
    wrapper = new OnionWrapper(x25519);
    X25519KeyPair mix = X25519KeyPair.generate(x25519, random);
    peeler = new OnionPeeler(x25519, ROUND, mix, 1);
    threeMixes = List.of(X25519KeyPair.generate(x25519, random).publicKey(),
        X25519KeyPair.generate(x25519, random).publicKey(),
        X25519KeyPair.generate(x25519, random).publicKey());
    request = new byte[WireSizes.EXCHANGE_REQUEST];
    random.nextBytes(request);
    oneLayerOnion = wrapper.wrap(ROUND, List.of(mix.publicKey()), request, random).onion();
    replyKey = peeler.peel(oneLayerOnion).replyKey();
    answer = new byte[WireSizes.EXCHANGE_REPLY];
    random.nextBytes(answer);
  }

  @Benchmark
  public PeeledLayer peelOneLayer() throws RejectedInputException {
    return peeler.peel(oneLayerOnion);
  }

  @Benchmark
  public WrappedOnion wrapThreeLayers() throws RejectedInputException {
    return wrapper.wrap(ROUND, threeMixes, request, random);
  }

  @Benchmark
  public byte[] sealReplyLayer() {
    return replyKey.seal(answer);
  }
}
