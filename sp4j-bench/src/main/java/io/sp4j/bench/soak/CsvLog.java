package io.sp4j.bench.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A CSV file of samples: the first column is {@code t_s}, seconds since the run began (the runner's
 * clock, shared by its processes), the rest are whole numbers. Each row is flushed, so a run cut
 * short still leaves its samples.
 */
final class CsvLog implements AutoCloseable {
  static final String TIME = "t_s";

  private final PrintWriter out;

  CsvLog(Path file, List<String> columns) {
    try {
      out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    out.println(TIME + "," + String.join(",", columns));
    out.flush();
  }

  synchronized void row(double seconds, long... values) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%.1f", seconds));
    for (long value : values) {
      line.append(',').append(value);
    }
    out.println(line);
    out.flush();
  }

  @Override
  public synchronized void close() {
    out.close();
  }
}
