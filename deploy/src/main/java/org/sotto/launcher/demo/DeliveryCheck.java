package org.sotto.launcher.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sotto.testkit.bots.BotStats;

/**
 * The verdict the demo and the bots command end with: totals printed (and written as JSON when
 * asked), and success only if every message arrived intact, in order, exactly once and no answer
 * failed its HMAC or signature, was replayed or was out of the window ({@link BotStats#problems}).
 */
final class DeliveryCheck {
  private DeliveryCheck() {}

  /** @return the exit status: 0 when every message arrived, 1 otherwise */
  static int report(BotStats stats, Path statsJson) throws IOException {
    Map<String, Object> totals = stats.totals();
    System.out.println();
    totals.forEach((k, v) -> System.out.printf("%-24s %s%n", k, v));
    if (statsJson != null) {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(statsJson.toFile(), totals);
    }
    List<String> problems = stats.problems();
    if (problems.isEmpty()) {
      System.out.println("every message arrived intact, in order, exactly once");
      return 0;
    }
    problems.forEach(p -> System.out.println("PROBLEM: " + p));
    return 1;
  }
}
