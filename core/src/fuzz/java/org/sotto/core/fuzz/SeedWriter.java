package org.sotto.core.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes each fuzz target's {@code seeds()} into its Jazzer inputs directory under
 * src/fuzz/resources ({@code <package>/<Class>Inputs/<method>/}), where the fuzzer starts from
 * them and where findings are kept as regression inputs. Seeds are files rather than
 * {@code @MethodSource} arguments because those run before Jazzer's agent is installed, and every
 * class they load must then be re-instrumented, which costs seconds per target.
 *
 * <p>Rerun after a wire-format change, from the repository root:
 *
 * <pre>./mvnw -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.sotto.core.fuzz.SeedWriter</pre>
 */
public final class SeedWriter {
  private SeedWriter() {}

  private record Target(Class<?> type, String method, SeedSource seeds) {}

  private interface SeedSource {
    Stream<byte[]> get() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path resources = Path.of(args.length > 0 ? args[0] : "core/src/fuzz/resources");
    List<Target> targets = List.of(
        new Target(OnionPeelerFuzzTest.class, "peel", OnionPeelerFuzzTest::seeds),
        new Target(MessageSealerFuzzTest.class, "open", MessageSealerFuzzTest::seeds),
        new Target(ReplyFuzzTest.class, "openReply", ReplyFuzzTest::seeds),
        new Target(ExchangeRequestFuzzTest.class, "parse", ExchangeRequestFuzzTest::seeds),
        new Target(EcdsaFuzzTest.class, "verify", EcdsaFuzzTest::seeds),
        new Target(RoundKeySignatureFuzzTest.class, "verify", RoundKeySignatureFuzzTest::seeds),
        new Target(X25519FuzzTest.class, "sharedSecret", X25519FuzzTest::seeds));
    for (Target t : targets) {
      t.type().getDeclaredMethod(t.method(), byte[].class); // fails loudly after a rename
      Path dir = resources.resolve(t.type().getPackageName().replace('.', '/'))
          .resolve(t.type().getSimpleName() + "Inputs").resolve(t.method());
      Files.createDirectories(dir);
      for (byte[] seed : (Iterable<byte[]>) t.seeds().get()::iterator) {
        Path file = dir.resolve("seed-" + HexFormat.of().formatHex(sha256(seed), 0, 8));
        Files.write(file, seed);
        System.out.println(file + " (" + seed.length + " bytes)");
      }
    }
  }

  private static byte[] sha256(byte[] data) throws IOException {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IOException(e);
    }
  }
}
