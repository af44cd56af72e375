package org.sotto.core.bench;

import java.security.SecureRandom;
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
import org.sotto.core.crypto.Ecdsa;
import org.sotto.core.message.ConversationMessage;
import org.sotto.core.message.MessageKeys;
import org.sotto.core.message.MessageSealer;
import org.sotto.core.wire.RejectedInputException;

/** Sealing (ECDSA sign + AES + HMAC) and opening (HMAC + AES + ECDSA verify) one message. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessageBenchmark {
  private final SecureRandom random = new SecureRandom();
  private Ecdsa.KeyPair signer;
  private MessageKeys keys;
  private ConversationMessage message;
  private byte[] sealed;

  @Setup
  public void setUp() {
    signer = Ecdsa.generate(random);
    byte[] enc = new byte[32];
    byte[] mac = new byte[32];
    random.nextBytes(enc);
    random.nextBytes(mac);
    byte[] context = new byte[74]; // label ‖ dead-drop ID ‖ sender key, as RoundKeys makes it
    random.nextBytes(context);
    keys = new MessageKeys(enc, mac, context);
    message = ConversationMessage.of(1, 0, 0, "a benchmark message".getBytes());
    sealed = MessageSealer.seal(message, signer.privateKey(), keys, random);
  }

  @Benchmark
  public byte[] seal() {
    return MessageSealer.seal(message, signer.privateKey(), keys, random);
  }

  @Benchmark
  public ConversationMessage open() throws RejectedInputException {
    return MessageSealer.open(sealed, keys, signer.publicKey());
  }
}
