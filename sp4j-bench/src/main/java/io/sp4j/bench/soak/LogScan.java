package io.sp4j.bench.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Counts lines in the run's process logs (stderr of the server and the client). */
final class LogScan {
  static final List<String> LOGS = List.of("server.log", "client.log");

  private LogScan() {}

  static long count(Path work, String text) throws IOException {
    long n = 0;
    for (String log : LOGS) {
      Path file = work.resolve(log);
      if (!Files.exists(file)) {
        continue;
      }
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
        n += in.lines().filter(line -> line.contains(text)).count();
      }
    }
    return n;
  }
}
