package org.sotto.simulations.attack;

import java.util.BitSet;

/**
 * An attack that acts: in the rounds the adversary chooses to tamper with, it blocks every
 * client's onion except those it lets through, and reads the dead-drop counts of what is left
 * ({@link Observation.Probe}). Each active attack is simulated in a world of its own, so attacks
 * do not spoil each other's probes; the passive attacks see the same rounds untampered.
 */
public interface ActiveAttack extends Attack {

  /** Whom to let through this round, given who is online; null to leave the round alone. */
  BitSet letThrough(BitSet online);
}
