package org.sotto.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sotto bench plot}: users against round time from several {@code bench round
 * --stats-json} files (a sweep), with the X25519 floor of each point drawn under it, as a PNG.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
    description = "Plot users vs round time (p50, slowest round) and the X25519 floor from the JSON files "
        + "that `sotto bench round --stats-json` wrote.")
final class PlotCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", description = "bench round --stats-json files")
  List<Path> inputs;

  @Option(names = "--out", required = true, description = "PNG to write")
  Path out;

  @Option(names = "--title", defaultValue = "Sotto round time vs users (3 mixes, 2 shards, "
      + "noise mu=1000 per mix)", description = "chart title")
  String title;

  /** One run; {@code max} is its slowest measured round (runs are too short for a p99). */
  record Point(double users, double p50, double max, double floor, double floorWithNoise) {}

  @Override
  public Integer call() throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<Point> points = new ArrayList<>();
    for (Path p : inputs) {
      JsonNode n = json.readTree(p.toFile());
      points.add(new Point(n.path("users").asDouble(),
          n.path("last_reply_at_client_ms").path("p50").asDouble(),
          n.path("last_reply_at_client_ms").path("max").asDouble(),
          n.path("x25519_floor_in_round_ms").asDouble(),
          n.path("x25519_floor_with_noise_ms").asDouble()));
    }
    points.sort(Comparator.comparingDouble(Point::users));
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
        .xAxisTitle("users (one onion each per round)").yAxisTitle("ms, window close to last reply")
        .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    double[] x = points.stream().mapToDouble(Point::users).toArray();
    add(chart, "slowest measured round", x, points.stream().mapToDouble(Point::max).toArray(),
        new Color(200, 40, 40), false);
    add(chart, "round time p50", x, points.stream().mapToDouble(Point::p50).toArray(),
        new Color(30, 90, 200), false);
    add(chart, "X25519 floor incl. noise (OpenSSL rate, all cores)", x,
        points.stream().mapToDouble(Point::floorWithNoise).toArray(), new Color(120, 120, 120),
        true);
    add(chart, "X25519 floor of the round's own work", x,
        points.stream().mapToDouble(Point::floor).toArray(), Color.BLACK, true);
    BitmapEncoder.saveBitmap(chart, out.toString(), BitmapEncoder.BitmapFormat.PNG);
    System.out.println("wrote " + out);
    System.out.println("users      p50 ms   max ms   floor ms  floor+noise ms");
    for (Point p : points) {
      System.out.printf("%-9.0f %7.0f %8.0f %10.0f %15.0f%n", p.users(), p.p50(), p.max(),
          p.floor(), p.floorWithNoise());
    }
    return 0;
  }

  private static void add(XYChart chart, String name, double[] x, double[] y, Color color,
      boolean dashed) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(color);
    s.setMarkerColor(color);
    s.setMarker(dashed ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    if (dashed) {
      s.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
          new float[] {8f, 6f}, 0f));
    }
  }
}
