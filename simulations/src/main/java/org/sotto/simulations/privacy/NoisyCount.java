package org.sotto.simulations.privacy;

/**
 * The privacy of one count an adversary observes with Laplace noise added, as Sotto's servers add
 * it ({@link org.sotto.core.noise.LaplaceNoise}: drawn from Laplace(mu, b), drawn again while
 * negative, rounded down).
 *
 * <p>Derivation. If one user's action moves the true count m by at most {@code sensitivity} = Δ,
 * compare m + N with m + Δ + N, N the truncated noise with density f(x)/Z on x ≥ 0, where f is the
 * Laplace(mu, b) density and Z = 1 − ½e^(−mu/b) the mass it keeps. Wherever both outputs are
 * possible the ratio of densities is f(y)/f(y − Δ) ≤ e^(Δ/b): the Laplace mechanism (Dwork, McSherry,
 * Nissim and Smith, TCC 2006), so epsilon = Δ/b. Only outputs with N &lt; Δ have no counterpart;
 * their probability is at most F(Δ)/Z = ½e^((Δ − mu)/b)/Z for Δ ≤ mu, which becomes delta. This is
 * the per-count bound of van den Hooff et al., "Vuvuzela", SOSP 2015, §6 and its appendix, with the
 * exact normaliser of the redraw-while-negative sampler (it differs from the paper's max(0, ·)
 * clamp by a factor Z ≈ 1). Rounding down is post-processing and costs nothing.
 *
 * @param mu the noise's location (mean number of fake accesses)
 * @param b the noise's scale
 * @param sensitivity the most one user's action moves the true count
 */
public record NoisyCount(double mu, double b, double sensitivity) {

  public NoisyCount {
    if (!(mu >= 0) || !(b >= 0) || !(sensitivity > 0)) {
      throw new IllegalArgumentException("need mu >= 0, b >= 0 and sensitivity > 0");
    }
  }

  public PrivacyLoss loss() {
    if (b == 0) {
      return new PrivacyLoss(Double.POSITIVE_INFINITY, 1);
    }
    double kept = 1 - 0.5 * Math.exp(-mu / b);
    double tail = sensitivity <= mu
        ? 0.5 * Math.exp((sensitivity - mu) / b)
        : 1 - 0.5 * Math.exp((mu - sensitivity) / b);
    return new PrivacyLoss(sensitivity / b, tail / kept);
  }
}
