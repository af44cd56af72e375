package org.sotto.simulations.attack.observe;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.sotto.core.noise.LaplaceNoise;
import org.sotto.core.noise.NoiseCounts;
import org.sotto.core.wire.WireSizes;
import org.sotto.deaddrop.DeadDropExchange;
import org.sotto.simulations.attack.Observation;
import org.sotto.simulations.scenario.RoundActivity;
import org.sotto.simulations.scenario.Scenario;

/**
 * What the adversary sees of Sotto in one round, computed with Sotto's own code:
 *
 * <ol>
 *   <li>every online user sends exactly one exchange request: the partners of a running
 *       conversation to the dead drop their ratchet gives for this round, everyone else to a
 *       random dead drop (cover traffic). In an isolated round the adversary blocks every request
 *       but those of the two users it isolates;
 *   <li>the real {@link DeadDropExchange} pairs the requests and counts single and double accesses;
 *   <li>each mix adds {@link NoiseCounts} drawn with the real {@link LaplaceNoise} sampler. The
 *       noise requests go to fresh random dead drops, so a noise single adds one single access
 *       and a noise pair one double access, exactly what the exchange would count (two random
 *       16-byte IDs collide with probability 2^-128); they are added to the counts rather than
 *       materialised, which keeps a run with mu = 300,000 fast. When the adversary runs all but
 *       one mix it knows, and subtracts, the noise of the mixes it runs: only one mix's noise
 *       remains.
 * </ol>
 */
public final class SottoObserver {
  private final LaplaceNoise noise;
  private final int noisyMixes;
  private final RandomGenerator random;

  public SottoObserver(Scenario.Sotto sotto, RandomGenerator random) {
    this.noise = new LaplaceNoise(sotto.noiseMu(), sotto.noiseB());
    this.noisyMixes = sotto.allButOneCompromised() ? 1 : sotto.mixnodes();
    this.random = random;
  }

  /**
   * A normal round: the counts, and the same round seen as a batch for attacks that need one (the
   * statistical disclosure attack): every online user sent one request and received one reply,
   * and nothing links the two.
   */
  public List<Observation> observe(RoundActivity activity) {
    long[] counts = counts(activity, activity.online());
    int[] online = activity.online().stream().toArray();
    return List.of(new Observation.Counts(activity.round(), activity.online(), counts[0],
        counts[1]), new Observation.Batch(online, online));
  }

  /** A round in which the adversary let only {@code pair} through. */
  public List<Observation> observeIsolated(RoundActivity activity, IsolationSchedule.Pair pair) {
    BitSet allowed = new BitSet();
    allowed.set(pair.target());
    allowed.set(pair.candidate());
    allowed.and(activity.online());
    long[] counts = counts(activity, allowed);
    return List.of(new Observation.Isolated(activity.round(), pair.target(), pair.candidate(),
        allowed.cardinality() == 2, counts[0], counts[1]));
  }

  /** {singles, pairs} the dead drops count when the requests of {@code senders} get through. */
  private long[] counts(RoundActivity activity, BitSet senders) {
    DeadDropExchange.Stats real = DeadDropExchange.exchange(requests(activity, senders)).stats();
    long singles = real.singles();
    long pairs = real.pairs();
    for (int m = 0; m < noisyMixes; m++) {
      NoiseCounts added = NoiseCounts.sample(noise, random);
      singles += added.singles();
      pairs += added.doubles() / 2;
    }
    return new long[] {singles, pairs};
  }

  /** One exchange request per sender, as its client would send it. */
  byte[][] requests(RoundActivity activity, BitSet senders) {
    List<byte[]> requests = new ArrayList<>(senders.cardinality());
    BitSet talking = new BitSet();
    for (RoundActivity.Talk t : activity.conversations()) {
      for (int user : new int[] {t.a(), t.b()}) {
        talking.set(user);
        if (senders.get(user)) {
          requests.add(request(t.deadDropId()));
        }
      }
    }
    for (int u = senders.nextSetBit(0); u >= 0; u = senders.nextSetBit(u + 1)) {
      if (!talking.get(u)) {
        byte[] cover = new byte[WireSizes.DEAD_DROP_ID];
        random.nextBytes(cover);
        requests.add(request(cover));
      }
    }
    return requests.toArray(byte[][]::new);
  }

  private static byte[] request(byte[] deadDropId) {
    byte[] r = new byte[WireSizes.EXCHANGE_REQUEST];
    System.arraycopy(deadDropId, 0, r, 0, WireSizes.DEAD_DROP_ID);
    return r;
  }
}
