package org.sotto.simulations.attack.observe;

import java.util.Arrays;
import java.util.Locale;
import org.sotto.simulations.scenario.Scenario;

/**
 * What an adversary that runs some of Sotto's servers observes, and what it can do, derived from
 * which servers it runs (docs/architecture.md describes the servers; docs/researcher-guide.md
 * this model):
 *
 * <ul>
 *   <li><b>who is online</b>: every client opens a connection each round to submit its onion, so a
 *       network observer, the coordinator (which announces rounds and sees who takes part) or the
 *       first mix (which receives the onions) each learn it;
 *   <li><b>dead-drop access counts</b> (singles and pairs): the dead-drop servers count them, and
 *       the last mix forwards every exchange request to them, so it can count them too. Every mix
 *       adds Laplace noise; the adversary knows the noise of the mixes it runs and subtracts it,
 *       so the counts it sees carry the noise of the honest mixes only (none if it runs them all);
 *   <li><b>blocking</b>: a network observer or the first mix can drop any client's onion, which is
 *       what an active (n − 1, group-testing) adversary needs, together with the counts.
 * </ul>
 */
public record AdversaryModel(int mixnodes, int[] corruptMixes, boolean corruptDeadDrops,
    boolean corruptCoordinator, boolean watchesNetwork, double isolationShare) {

  public static AdversaryModel of(Scenario s) {
    Scenario.Adversary a = s.adversary();
    return new AdversaryModel(s.sotto().mixnodes(), a.corruptMixes().clone(),
        a.corruptDeadDrops(), a.corruptCoordinator(), a.watchesNetwork(), a.isolationShare());
  }

  private boolean runsMix(int position) {
    return Arrays.stream(corruptMixes).anyMatch(m -> m == position);
  }

  public boolean seesPresence() {
    return watchesNetwork || corruptCoordinator || runsMix(1);
  }

  public boolean seesCounts() {
    return corruptDeadDrops || runsMix(mixnodes);
  }

  /** Mixes whose noise stays in the counts the adversary sees. */
  public int honestMixes() {
    return mixnodes - corruptMixes.length;
  }

  /** Whether it can block clients and read the counts of what it let through. */
  public boolean active() {
    return isolationShare > 0 && seesCounts() && (watchesNetwork || runsMix(1));
  }

  /** One sentence for reports. */
  public String describe() {
    String runs = corruptMixes.length == 0 ? "no mix"
        : corruptMixes.length == mixnodes ? "every mix"
        : "mix" + (corruptMixes.length > 1 ? "es " : " ") + Arrays.toString(corruptMixes)
            .replaceAll("[\\[\\]]", "") + " of " + mixnodes;
    return String.format(Locale.ROOT, "The adversary runs %s%s%s%s. It sees %s; %s%s.", runs,
        corruptDeadDrops ? ", the dead-drop servers" : "",
        corruptCoordinator ? ", the coordinator" : "",
        watchesNetwork ? " and watches every client's link" : "",
        seesPresence() ? "who is online each round" : "not who is online",
        seesCounts() ? "it sees the dead-drop access counts with the noise of " + honestMixes()
            + " honest mix" + (honestMixes() == 1 ? "" : "es") : "it does not see the counts",
        active() ? String.format(Locale.ROOT, "; in %.0f %% of rounds it blocks clients "
            + "(active)", 100 * isolationShare) : "");
  }
}
