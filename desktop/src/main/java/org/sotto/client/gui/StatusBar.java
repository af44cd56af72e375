package org.sotto.client.gui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.LongSupplier;
import javax.swing.Icon;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.Timer;
import org.sotto.client.RoundStatus;
import org.sotto.core.cluster.ClusterDescriptor;

/**
 * The line at the bottom, which never contradicts itself: while the cluster answers, which
 * cluster, the time to the next round (rounds are wall-clock slots of the cluster's interval) and
 * how the last round ended; while it does not, only that, since when, and that the client keeps
 * trying (no stale "ok", no countdown to rounds that cannot happen). In words only: round numbers
 * and the network library's status codes mean nothing to the people reading it.
 */
final class StatusBar extends JPanel implements SessionModel.Listener {
  private static final int TICK_MS = 200;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm");

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
    String cluster = "the cluster “" + d.name() + "”";
    Boolean up = model.connected();
    if (up == null) {
      connection.setIcon(new Dot(Palette.warning()));
      connection.setText("Connecting to " + cluster + "…");
      connection.setToolTipText(null);
    } else if (up) {
      connection.setIcon(new Dot(Palette.ok()));
      connection.setText("Connected to " + cluster);
      connection.setToolTipText("Coordinator " + d.coordinator());
    } else {
      connection.setIcon(new Dot(Palette.error()));
      connection.setText("Cannot reach " + cluster + " since "
          + when(model.disconnectedSince()) + " — trying again");
      connection.setToolTipText("Sotto reconnects by itself. What you write waits in your "
          + "outbox and goes out once the cluster answers.");
    }
    boolean live = Boolean.TRUE.equals(up);
    round.setVisible(live);
    RoundStatus last = model.lastOutcome();
    outcome.setVisible(live && last != null);
    if (last != null) {
      boolean ok = last.kind() == RoundStatus.Kind.COMPLETED;
      outcome.setIcon(new Dot(ok ? Palette.ok() : Palette.warning()));
      outcome.setText(ok ? "Last round ok" : "Last round " + describe(last.kind()));
      outcome.setToolTipText(explain(last.kind()) + " This session: " + model.roundsOk()
          + " rounds ok, " + model.roundsFailed() + " failed.");
    }
    refreshRound();
  }

  private void refreshRound() {
    if (!round.isVisible()) {
      return;
    }
    long interval = model.descriptor().roundIntervalMs();
    long next = interval - Math.floorMod(clock.getAsLong(), interval);
    round.setText(model.currentRound() < 0 ? "Waiting for the first round"
        : String.format(Locale.ROOT, "Next round in %.1f s", next / 1000.0));
  }

  /** The local time of {@code unixMs}, with the day when it is not today. */
  private String when(long unixMs) {
    ZoneId zone = ZoneId.systemDefault();
    LocalDateTime at = LocalDateTime.ofInstant(Instant.ofEpochMilli(unixMs), zone);
    LocalDateTime now = LocalDateTime.ofInstant(Instant.ofEpochMilli(clock.getAsLong()), zone);
    return (at.toLocalDate().equals(now.toLocalDate()) ? TIME : DAY_AND_TIME).format(at);
  }

  static String describe(RoundStatus.Kind kind) {
    return switch (kind) {
      case ABORTED -> "was cancelled by the cluster";
      case REFUSED -> "refused: the cluster does not match the pinned descriptor";
      case REJECTED -> "missed: our part arrived too late";
      default -> kind.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String explain(RoundStatus.Kind kind) {
    return switch (kind) {
      case COMPLETED -> "The last round went through.";
      case ABORTED, REJECTED -> "Nothing is lost: what was in it goes out again in the next "
          + "round.";
      case REFUSED -> "Nothing was sent. If this repeats, compare the cluster's fingerprint in "
          + "Settings with the one your operators published.";
      default -> "";
    };
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
