package org.sotto.simulations.report;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars for anything that runs longer than a second, drawn on the terminal's stderr; off
 * when there is no terminal (tests, CI, output piped to a file), so logs stay readable.
 */
public final class Progress {
  private Progress() {}

  public static ProgressBar start(String task, long steps) {
    ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(steps)
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).showSpeed();
    if (System.console() == null) {
      builder.setConsumer(new DelegatingProgressBarConsumer(line -> { }));
    }
    return builder.build();
  }
}
