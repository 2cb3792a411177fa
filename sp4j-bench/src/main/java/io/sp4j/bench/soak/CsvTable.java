package io.sp4j.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link CsvLog} file read back, by column. A missing file reads as a table with no rows. */
final class CsvTable {
  private final List<String> names;
  private final List<double[]> rows;

  private CsvTable(List<String> names, List<double[]> rows) {
    this.names = names;
    this.rows = rows;
  }

  static CsvTable read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new CsvTable(List.of(CsvLog.TIME), List.of());
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> names = List.of(lines.get(0).split(","));
    List<double[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (cells.length != names.size()) {
        continue; // a row cut off by a killed process
      }
      double[] row = new double[cells.length];
      for (int i = 0; i < cells.length; i++) {
        row[i] = Double.parseDouble(cells[i]);
      }
      rows.add(row);
    }
    return new CsvTable(names, rows);
  }

  int size() {
    return rows.size();
  }

  double[] times() {
    return column(CsvLog.TIME);
  }

  double[] column(String name) {
    int index = index(name);
    double[] values = new double[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = rows.get(i)[index];
    }
    return values;
  }

  double sum(String name) {
    double sum = 0;
    for (double value : column(name)) {
      sum += value;
    }
    return sum;
  }

  /**
   * A per-interval count as a rate: each row's value over the seconds since the row before. The
   * first row (the start, when nothing was counted yet) has none and is left out.
   */
  Series rate(String label, String... columns) {
    double[] t = times();
    int n = Math.max(0, t.length - 1);
    double[] times = new double[n];
    double[] values = new double[n];
    for (int i = 1; i < t.length; i++) {
      double count = 0;
      for (String column : columns) {
        count += rows.get(i)[index(column)];
      }
      times[i - 1] = t[i];
      values[i - 1] = count / Math.max(1e-3, t[i] - t[i - 1]);
    }
    return new Series(label, times, values);
  }

  private int index(String name) {
    int index = names.indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + name + " in " + names);
    }
    return index;
  }

  /** A column as it is, scaled by {@code factor} (bytes to MiB, say). */
  Series gauge(String label, String column, double factor) {
    return new Series(label, times(), column(column)).scaled(factor);
  }
}
