package org.sotto.simulations.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Named columns and rows of values, written as CSV (RFC 4180) or as a Markdown table. */
public final class Table {
  private final List<String> columns;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(String... columns) {
    this.columns = List.of(columns);
  }

  public Table add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("row has " + values.length + " values for "
          + columns.size() + " columns");
    }
    List<String> row = new ArrayList<>();
    for (Object v : values) {
      row.add(format(v));
    }
    rows.add(row);
    return this;
  }

  public int size() {
    return rows.size();
  }

  public List<String> column(String name) {
    int i = columns.indexOf(name);
    return rows.stream().map(r -> r.get(i)).toList();
  }

  public void writeCsv(Path file) throws IOException {
    StringBuilder out = new StringBuilder(csvLine(columns));
    rows.forEach(r -> out.append(csvLine(r)));
    Files.writeString(file, out);
  }

  public String toMarkdown() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", columns)).append(" |\n");
    out.append("|").append(" --- |".repeat(columns.size())).append('\n');
    rows.forEach(r -> out.append("| ").append(String.join(" | ", r)).append(" |\n"));
    return out.toString();
  }

  private static String csvLine(List<String> values) {
    return values.stream().map(Table::quote).collect(Collectors.joining(",")) + "\n";
  }

  private static String quote(String v) {
    return v.contains(",") || v.contains("\"") || v.contains("\n")
        ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  /** Doubles in a short, locale-independent form; everything else as toString(). */
  public static String format(Object v) {
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isInfinite(d) || Double.isNaN(d)) {
        return String.valueOf(d);
      }
      if (d != 0 && (Math.abs(d) < 1e-3 || Math.abs(d) >= 1e7)) {
        return String.format(Locale.ROOT, "%.4g", d);
      }
      return String.format(Locale.ROOT, "%.4f", d).replaceAll("\\.?0+$", "");
    }
    return String.valueOf(v);
  }
}
