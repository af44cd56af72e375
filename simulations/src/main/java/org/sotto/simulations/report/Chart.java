package org.sotto.simulations.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A line chart of named series, saved as a PNG with XChart (works headless). */
public final class Chart {
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private boolean logX;
  private boolean logY;
  private boolean yFromZero;
  private double[] xRange;
  private double[] yRange;

  /** One line: its name and points; a reference line (chance, a target) is drawn dashed black. */
  public record Series(String name, double[] x, double[] y, boolean reference) {}

  public Chart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public Chart line(String name, double[] x, double[] y) {
    series.add(new Series(name, x.clone(), y.clone(), false));
    return this;
  }

  /** A horizontal reference line at {@code y} from {@code fromX} to {@code toX}, drawn dashed. */
  public Chart reference(String name, double fromX, double toX, double y) {
    series.add(new Series(name, new double[] {fromX, toX}, new double[] {y, y}, true));
    return this;
  }

  public Chart logX() {
    logX = true;
    return this;
  }

  public Chart logY() {
    logY = true;
    return this;
  }

  /** Starts the y axis at 0, so differences between points are not magnified. */
  public Chart yFromZero() {
    yFromZero = true;
    return this;
  }

  /** Fixes the x axis, so charts meant to be compared share it. */
  public Chart xBetween(double min, double max) {
    xRange = new double[] {min, max};
    return this;
  }

  /** Fixes the y axis, e.g. to [0, 1] for shares. */
  public Chart yBetween(double min, double max) {
    yRange = new double[] {min, max};
    return this;
  }

  public boolean startsYAtZero() {
    return yFromZero;
  }

  public String title() {
    return title;
  }

  public List<Series> series() {
    return List.copyOf(series);
  }

  /** Writes {@code file} (with ".png"). */
  public void savePng(Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(1250).height(600).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setYAxisLogarithmic(logY);
    if (yFromZero) {
      chart.getStyler().setYAxisMin(0.0);
    }
    if (xRange != null) {
      chart.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]);
    }
    if (yRange != null) {
      chart.getStyler().setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
    }
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    for (Series s : series) {
      XYSeries line = chart.addSeries(s.name(), s.x(), s.y());
      line.setMarker(s.x().length > 40 || s.reference() ? SeriesMarkers.NONE
          : SeriesMarkers.CIRCLE);
      if (s.reference()) {
        line.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
        line.setLineColor(java.awt.Color.BLACK);
      }
    }
    String name = file.toString();
    BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4)
        : name, BitmapEncoder.BitmapFormat.PNG);
  }
}
