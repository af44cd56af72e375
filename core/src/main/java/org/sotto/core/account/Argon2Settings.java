package org.sotto.core.account;

import java.util.List;
import org.sotto.core.config.Validated;
import org.sotto.core.config.YamlConfig;

/**
 * Argon2id cost parameters (RFC 9106). The directory publishes its current defaults for new
 * accounts and refuses anything below its minimum; the client stretches with whatever the
 * directory says for the account.
 *
 * @param memoryKib memory cost m in KiB
 * @param iterations time cost t (passes over the memory)
 * @param parallelism lanes p
 */
public record Argon2Settings(int memoryKib, int iterations, int parallelism) implements Validated {

  /**
   * RFC 9106 §4, second recommended option (m = 64 MiB, t = 3, p = 4): memory-hard enough that a
   * GPU farm pays for every guess, and about half a second per login on a laptop core.
   */
  public static final Argon2Settings RECOMMENDED = new Argon2Settings(64 * 1024, 3, 4);
  /**
   * The floor a cluster may lower its defaults to (OWASP's Argon2id minimum, m = 19 MiB, t = 2,
   * p = 1); below it a stolen verifier database becomes cheap to attack.
   */
  public static final Argon2Settings MINIMUM = new Argon2Settings(19 * 1024, 2, 1);

  /** Upper bounds that keep a hostile directory from making a client allocate unbounded memory. */
  public static final int MAX_MEMORY_KIB = 1024 * 1024;
  public static final int MAX_ITERATIONS = 64;
  public static final int MAX_PARALLELISM = 16;

  /** True when every cost is at least {@code floor}'s. */
  public boolean atLeast(Argon2Settings floor) {
    return memoryKib >= floor.memoryKib && iterations >= floor.iterations
        && parallelism >= floor.parallelism;
  }

  @Override
  public List<String> problems() {
    return new YamlConfig.Problems()
        .check(parallelism >= 1 && parallelism <= MAX_PARALLELISM,
            "parallelism: 1.." + MAX_PARALLELISM)
        .check(memoryKib >= 8 * Math.max(1, parallelism) && memoryKib <= MAX_MEMORY_KIB,
            "memory-kib: at least 8 × parallelism (Argon2's rule) and at most " + MAX_MEMORY_KIB)
        .check(iterations >= 1 && iterations <= MAX_ITERATIONS,
            "iterations: 1.." + MAX_ITERATIONS)
        .list();
  }

  @Override
  public String toString() {
    return "Argon2id(m=" + memoryKib + " KiB, t=" + iterations + ", p=" + parallelism + ")";
  }
}
