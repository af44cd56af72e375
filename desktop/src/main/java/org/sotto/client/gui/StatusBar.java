package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Locale;
import java.util.function.LongSupplier;
import javax.swing.Icon;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.Timer;
import org.sotto.client.RoundStatus;
import org.sotto.core.cluster.ClusterDescriptor;

/**
 * The line at the bottom: which cluster and whether the client is connected, the current round
 * and the time to the next one (rounds are wall-clock slots of the cluster's interval), and how
 * the last round ended, with the reason when it failed.
 */
final class StatusBar extends JPanel implements SessionModel.Listener {
  private static final int TICK_MS = 200;

  private final SessionModel model;
  private final LongSupplier clock;
  private final JLabel connection = new JLabel();
  private final JLabel round = new JLabel();
  private final JLabel outcome = new JLabel();
  private final Timer tick;

  StatusBar(SessionModel model, LongSupplier clock) {
    super(new BorderLayout(16, 0));
    this.model = model;
    this.clock = clock;
    setName("status");
    setBorder(LineBorder.above(5, 12, 5, 12));
    connection.setName("status.connection");
    round.setName("status.round");
    outcome.setName("status.outcome");
    for (JLabel l : new JLabel[] {connection, round, outcome}) {
      l.putClientProperty("FlatLaf.styleClass", "small");
    }
    JPanel right = new JPanel(new FlowLayout(FlowLayout.RIGHT, 16, 0));
    right.setOpaque(false);
    right.add(round);
    right.add(outcome);
    add(connection, BorderLayout.CENTER);
    add(right, BorderLayout.EAST);
    model.addListener(this);
    tick = new Timer(TICK_MS, e -> refreshRound());
    refresh();
  }

  @Override
  public void addNotify() {
    super.addNotify();
    tick.start();
  }

  @Override
  public void removeNotify() {
    tick.stop();
    super.removeNotify();
  }

  @Override
  public void statusChanged() {
    refresh();
  }

  private void refresh() {
    ClusterDescriptor d = model.descriptor();
    String cluster = "“" + d.name() + "” (" + d.coordinator() + ")";
    Boolean up = model.connected();
    if (up == null) {
      connection.setIcon(new Dot(Palette.warning()));
      connection.setText("Connecting to " + cluster + "…");
    } else if (up) {
      connection.setIcon(new Dot(Palette.ok()));
      connection.setText("Connected to " + cluster);
    } else {
      connection.setIcon(new Dot(Palette.error()));
      connection.setText("Disconnected from " + cluster + ": " + shorten(
          model.connectionDetail(), 80) + " — retrying");
    }
    connection.setToolTipText(connection.getText());
    RoundStatus last = model.lastOutcome();
    if (last == null) {
      outcome.setText("");
      outcome.setToolTipText(null);
    } else {
      boolean ok = last.kind() == RoundStatus.Kind.COMPLETED;
      outcome.setIcon(new Dot(ok ? Palette.ok() : Palette.warning()));
      outcome.setText(ok ? "Last round ok"
          : "Last round " + describe(last.kind()) + ": " + shorten(last.detail(), 60));
      outcome.setToolTipText("Round " + last.round() + ": "
          + (ok ? "completed" : describe(last.kind()) + ": " + last.detail())
          + " · " + model.roundsOk() + " ok, " + model.roundsFailed() + " failed this session");
    }
    refreshRound();
  }

  private void refreshRound() {
    long current = model.currentRound();
    long interval = model.descriptor().roundIntervalMs();
    long now = clock.getAsLong();
    long next = interval - Math.floorMod(now, interval);
    round.setText(current < 0 ? "Waiting for the first round"
        : String.format(Locale.ROOT, "Round %d · next in %.1f s", current, next / 1000.0));
  }

  static String describe(RoundStatus.Kind kind) {
    return switch (kind) {
      case ABORTED -> "aborted";
      case REFUSED -> "refused (settings failed verification)";
      case REJECTED -> "rejected our submission";
      default -> kind.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String shorten(String s, int max) {
    if (s == null || s.isBlank()) {
      return "no reason given";
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** A small filled circle. */
  private record Dot(Color color) implements Icon {
    @Override
    public void paintIcon(Component c, Graphics g, int x, int y) {
      Graphics2D g2 = (Graphics2D) g.create();
      g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g2.setColor(color);
      g2.fillOval(x, y + 1, 8, 8);
      g2.dispose();
    }

    @Override
    public int getIconWidth() {
      return 8;
    }

    @Override
    public int getIconHeight() {
      return 10;
    }
  }
}
