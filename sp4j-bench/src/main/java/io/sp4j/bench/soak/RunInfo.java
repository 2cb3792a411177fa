package io.sp4j.bench.soak;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How a run was set up, written by the runner to {@value #FILE} in the work directory so that the
 * report can be made again from that directory alone.
 */
final class RunInfo {
  static final String FILE = "run.properties";

  private final Properties values;

  private RunInfo(Properties values) {
    this.values = values;
  }

  static RunInfo empty() {
    return new RunInfo(new Properties());
  }

  RunInfo with(String key, Object value) {
    values.setProperty(key, String.valueOf(value));
    return this;
  }

  String text(String key) {
    return values.getProperty(key, "?");
  }

  double number(String key) {
    return Double.parseDouble(values.getProperty(key, "0"));
  }

  void save(Path dir) throws IOException {
    try (Writer out = Files.newBufferedWriter(dir.resolve(FILE), StandardCharsets.UTF_8)) {
      values.store(out, "a soak run");
    }
  }

  static RunInfo load(Path dir) throws IOException {
    return new RunInfo(properties(dir.resolve(FILE)));
  }

  /** A properties file; empty if it is missing (a run cut short). */
  static Properties properties(Path file) throws IOException {
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(in);
      }
    }
    return properties;
  }
}
