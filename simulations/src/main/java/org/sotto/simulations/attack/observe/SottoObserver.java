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

/**
 * What the adversary ({@link AdversaryModel}) sees of Sotto in one round, computed with Sotto's
 * own code:
 *
 * <ol>
 *   <li>every online user sends exactly one exchange request: the partners of a running
 *       conversation to the dead drop their ratchet gives for this round, everyone else to a
 *       random dead drop (cover traffic). In a probe the adversary blocks every request but those
 *       it lets through;
 *   <li>the real {@link DeadDropExchange} pairs the requests and counts single and double accesses;
 *   <li>each honest mix adds {@link NoiseCounts} drawn with the servers' own {@link LaplaceNoise}
 *       sampler (the one {@code ConversationMixing} uses). The noise requests go to fresh random
 *       dead drops, so a noise single adds one single access and a noise pair one double access,
 *       exactly what the exchange would count (two random 16-byte IDs collide with probability
 *       2^-128); they are added to the counts rather than materialised, which keeps a run with
 *       mu = 300,000 fast. The noise of the mixes the adversary runs is known to it and left out.
 * </ol>
 */
public final class SottoObserver {
  private final AdversaryModel adversary;
  private final LaplaceNoise noise;
  private final RandomGenerator random;

  public SottoObserver(AdversaryModel adversary, double mu, double b, RandomGenerator random) {
    this.adversary = adversary;
    this.noise = new LaplaceNoise(mu, b);
    this.random = random;
  }

  /** The real single and double accesses when the requests of {@code senders} get through. */
  public static DeadDropExchange.Stats realCounts(RoundActivity activity, BitSet senders,
      RandomGenerator coverRandom) {
    return DeadDropExchange.exchange(requests(activity, senders, coverRandom)).stats();
  }

  /** A normal round, as the adversary sees it, given the round's real counts. */
  public List<Observation> observe(RoundActivity activity, DeadDropExchange.Stats real) {
    List<Observation> seen = new ArrayList<>(2);
    if (adversary.seesPresence()) {
      seen.add(new Observation.Presence(activity.round(), activity.online()));
    }
    if (adversary.seesCounts()) {
      long[] noisy = withNoise(real);
      seen.add(new Observation.Counts(activity.round(), noisy[0], noisy[1],
          adversary.honestMixes()));
    }
    return seen;
  }

  /** A round in which the adversary let only {@code letThrough} (of those online) through. */
  public Observation.Probe probe(RoundActivity activity, int target, BitSet letThrough) {
    BitSet sent = (BitSet) letThrough.clone();
    sent.and(activity.online());
    long[] noisy = withNoise(realCounts(activity, sent, random));
    return new Observation.Probe(activity.round(), target, sent, noisy[0], noisy[1],
        adversary.honestMixes());
  }

  /** {singles, pairs} with one noise draw per honest mix added. */
  private long[] withNoise(DeadDropExchange.Stats real) {
    long singles = real.singles();
    long pairs = real.pairs();
    for (int m = 0; m < adversary.honestMixes(); m++) {
      NoiseCounts added = NoiseCounts.sample(noise, random);
      singles += added.singles();
      pairs += added.doubles() / 2;
    }
    return new long[] {singles, pairs};
  }

  /** One exchange request per sender, as its client would send it. */
  static byte[][] requests(RoundActivity activity, BitSet senders, RandomGenerator coverRandom) {
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
        coverRandom.nextBytes(cover);
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
