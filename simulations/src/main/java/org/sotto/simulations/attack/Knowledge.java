package org.sotto.simulations.attack;

/**
 * What an attack on one target knows before it observes anything: the number of users, the
 * target, how many contacts it has (as in Danezis 2003 and Kesdogan et al. 2002), and the noise
 * parameters every server publishes (Laplace mu and b per honest mix).
 */
public record Knowledge(int users, int target, int contacts, double noiseMu, double noiseB) {

  /** The prior probability that a given other user is one of the target's contacts. */
  public double prior() {
    return contacts / (double) (users - 1);
  }

  /**
   * The mean number of noise pairs one honest mix adds: its doubles draw, Laplace(mu, b) requests
   * redrawn while negative, rounded down then up to even, halved. About mu/2 when mu ≫ b.
   */
  public double meanNoisePairs() {
    return noiseB == 0 ? Math.floor(noiseMu) / 2 + (Math.floor(noiseMu) % 2) / 2
        : noiseMu / 2;
  }
}
