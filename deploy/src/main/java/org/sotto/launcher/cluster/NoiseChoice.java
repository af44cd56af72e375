package org.sotto.launcher.cluster;

import java.io.PrintStream;
import org.sotto.simulations.privacy.Protection;
import org.sotto.simulations.privacy.ProtocolPrivacy;
import org.sotto.simulations.privacy.RoundCadence;

/**
 * The noise {@code cluster init} writes for one protocol, and what it protects. Without noise
 * given by hand it is the least noise that keeps a user within e^epsilon &lt;= 2, delta &lt;= 1e-4
 * (the Vuvuzela paper's target) for the days asked; with noise given by hand it is that noise,
 * and a warning when it protects less than a day.
 */
record NoiseChoice(Protection protection, boolean solved, double daysAsked) {
  static final double TARGET_EXP_EPSILON = 2;
  static final double DELTA = 1e-4;

  static NoiseChoice pick(ProtocolPrivacy protocol, Double mu, Double b, RoundCadence schedule,
      double days) {
    if (mu == null) {
      return new NoiseChoice(
          Protection.solve(protocol, schedule, days, TARGET_EXP_EPSILON, DELTA), true, days);
    }
    return new NoiseChoice(Protection.of(protocol, mu, b, schedule, TARGET_EXP_EPSILON, DELTA),
        false, days);
  }

  void print(String who, PrintStream out) {
    out.println("  " + protection.protocol().label() + " noise: "
        + capitalised(protection.sentence(who)) + (solved ? " (the least noise for "
            + (daysAsked == 1 ? "1 day" : daysAsked + " days") + ")" : ""));
    if (!solved && protection.days() < 1) {
      out.println("  warning: this " + protection.protocol().label() + " noise protects less "
          + "than a day of use; fine for a test on one machine, not for real users (leave "
          + "the noise options out to have enough noise for --protect-days solved)");
    }
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
