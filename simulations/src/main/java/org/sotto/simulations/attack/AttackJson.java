package org.sotto.simulations.attack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The machine-readable result of {@code sim attack --json FILE}:
 * {@code {"attacks":[{"attack":…, "system":"sotto"|"baseline", "success":[[round, fraction], …],
 * "final_success":x, "chance":y, "ci95":[lo, hi]}]}}. The noise-free comparison world is Sotto
 * too; its attack names end in ", noise off". An interval that cannot be computed (one unit) is
 * written as null bounds.
 */
final class AttackJson {
  private AttackJson() {}

  static void write(Path file, List<ContestSummary> summaries) throws IOException {
    String attacks = summaries.stream().map(AttackJson::attack)
        .collect(Collectors.joining(",\n    "));
    Files.writeString(file, "{\"attacks\": [\n    " + attacks + "\n]}\n");
  }

  private static String attack(ContestSummary s) {
    AttackRun.Contest c = s.contest();
    String name = c.attack().label()
        + (c.system() == AttackKind.System.SOTTO_WITHOUT_NOISE ? ", noise off" : "");
    String curve = s.curve().stream()
        .map(p -> "[" + p.round() + ", " + number(p.metrics().contactsIdentified()) + "]")
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "{\"attack\": %s, \"system\": \"%s\", \"success\": [%s], "
        + "\"final_success\": %s, \"chance\": %s, \"ci95\": [%s, %s]}", quote(name),
        c.system().jsonName(), curve, number(s.finalSuccess()), number(s.chance()),
        number(s.success().low()), number(s.success().high()));
  }

  private static String number(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.6g", x).replaceAll(
        "(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "") : "null";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
