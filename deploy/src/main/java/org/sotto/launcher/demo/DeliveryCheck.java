package org.sotto.launcher.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.sotto.testkit.bots.BotStats;

/**
 * The verdict the demo and the bots command end with: totals printed (and written as JSON when
 * asked), and success only if every message arrived intact, in order, exactly once.
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
    boolean ok = stats.corrupted.get() == 0 && stats.lost() == 0 && stats.outOfOrder.get() == 0
        && stats.queued.get() == stats.received.get() && stats.received.get() > 0;
    System.out.println(ok ? "every message arrived intact, in order, exactly once"
        : "PROBLEM: some messages were lost, corrupted, reordered or still in flight");
    return ok ? 0 : 1;
  }
}
