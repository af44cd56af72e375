package org.sotto.simulations.attack;

import java.util.Locale;

/**
 * Every attack the simulator runs, and the systems whose observations it can read. The baseline
 * shows the adversary batches with senders and recipients; Sotto shows it only who is online and
 * the dead-drop access counts, which the statistical disclosure attack reads as one batch per
 * round (everyone online sends one request and receives one reply); an active adversary may also
 * isolate two clients in some rounds. The hitting-set attack has no use against Sotto: every
 * online user "receives" every round, so the target's partner sets are the whole online
 * population. To add an attack, implement {@link Attack} and add a constant here.
 */
public enum AttackKind {
  DISCLOSURE("statistical disclosure") {
    @Override
    public Attack create(int users, int target, int contacts) {
      return new StatisticalDisclosureAttack(users, target);
    }

    @Override
    public boolean reads(System system) {
      return true;
    }
  },
  HITTING_SET("hitting set") {
    @Override
    public Attack create(int users, int target, int contacts) {
      return new HittingSetAttack(users, target, contacts);
    }

    @Override
    public boolean reads(System system) {
      return system == System.BASELINE;
    }
  },
  COUNT_CORRELATION("count correlation") {
    @Override
    public Attack create(int users, int target, int contacts) {
      return new CountAttack(users, target);
    }

    @Override
    public boolean reads(System system) {
      return system != System.BASELINE;
    }
  },
  ISOLATION("isolation (active)") {
    @Override
    public Attack create(int users, int target, int contacts) {
      return new IsolationAttack(users, target);
    }

    @Override
    public boolean reads(System system) {
      return system != System.BASELINE;
    }
  };

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
  }

  private final String label;

  AttackKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** A fresh attack on {@code target}, who has {@code contacts} contacts among {@code users}. */
  public abstract Attack create(int users, int target, int contacts);

  /** Whether this attack can use what {@code system} shows the adversary. */
  public abstract boolean reads(System system);
}
