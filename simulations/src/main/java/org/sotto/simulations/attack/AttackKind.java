package org.sotto.simulations.attack;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.sotto.simulations.attack.observe.AdversaryModel;

/**
 * Every attack the simulator runs, and what it needs to observe. The baseline shows the
 * adversary batches of senders and recipients; Sotto shows it, depending on the servers it runs
 * ({@link AdversaryModel}), who is online, the noisy dead-drop counts, and — when it can block
 * clients — the counts of rounds it tampered with. An attack runs against a system only if the
 * adversary observes everything the attack needs there. To add an attack, implement
 * {@link Attack} (or {@link ActiveAttack}) and add a constant here.
 */
public enum AttackKind {
  DISCLOSURE("statistical disclosure", EnumSet.of(Need.BATCHES),
      k -> new StatisticalDisclosureAttack(k.users(), k.target())),
  HITTING_SET("hitting set", EnumSet.of(Need.BATCHES),
      k -> new HittingSetAttack(k.users(), k.target(), k.contacts())),
  PRESENCE("presence intersection", EnumSet.of(Need.PRESENCE), PresenceIntersectionAttack::new),
  COUNT_LIKELIHOOD("count likelihood", EnumSet.of(Need.PRESENCE, Need.COUNTS),
      CountLikelihoodAttack::new),
  COUNT_CORRELATION("count regression", EnumSet.of(Need.PRESENCE, Need.COUNTS),
      CountAttack::new),
  N_MINUS_1("n-1 isolation (active)", EnumSet.of(Need.BLOCKING), IsolationAttack::new),
  GROUP_TESTING("group testing (active)", EnumSet.of(Need.BLOCKING), GroupTestingAttack::new);

  /** What an attack reads; the report says which of these gave a target away. */
  public enum Need {
    BATCHES("the batches' senders and recipients"),
    PRESENCE("who is online"),
    COUNTS("the noisy dead-drop access counts"),
    BLOCKING("the counts of rounds in which it blocked clients");

    private final String what;

    Need(String what) {
      this.what = what;
    }

    public String what() {
      return what;
    }
  }

  /** The systems an attack can be run against. */
  public enum System {
    BASELINE("baseline"),
    SOTTO("sotto"),
    /** Sotto with the noise turned off, to show what the noise buys (scenario option). */
    SOTTO_WITHOUT_NOISE("sotto without noise");

    private final String label;

    System(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** The system's name in JSON output: the noise-free world is still Sotto. */
    public String jsonName() {
      return this == BASELINE ? "baseline" : "sotto";
    }
  }

  private final String label;
  private final Set<Need> needs;
  private final Function<Knowledge, Attack> factory;

  AttackKind(String label, Set<Need> needs, Function<Knowledge, Attack> factory) {
    this.label = label;
    this.needs = needs;
    this.factory = factory;
  }

  public String label() {
    return label;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public Set<Need> needs() {
    return needs;
  }

  /** What the attack reads, in words: "who is online and the noisy dead-drop access counts". */
  public String reads() {
    return String.join(" and ", needs.stream().map(Need::what).toList());
  }

  /** A fresh attack on the target described by {@code knowledge}. */
  public Attack create(Knowledge knowledge) {
    return factory.apply(knowledge);
  }

  /** Whether the adversary sees, in {@code system}, everything this attack needs. */
  public boolean runsAgainst(System system, AdversaryModel adversary) {
    if (system == System.BASELINE) {
      return needs.equals(EnumSet.of(Need.BATCHES));
    }
    return !needs.contains(Need.BATCHES)
        && (!needs.contains(Need.PRESENCE) || adversary.seesPresence())
        && (!needs.contains(Need.COUNTS) || adversary.seesCounts())
        && (!needs.contains(Need.BLOCKING) || adversary.active());
  }
}
