package io.sp4j.bench.soak;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the runner tells both of its processes: where the run lives, when it began, and the load.
 */
final class ChildOptions {
  @Option(names = "--dir", required = true, description = "The run's work directory.")
  Path dir;

  @Option(
      names = "--start-ms",
      required = true,
      description = "The run's start, epoch milliseconds.")
  long startMillis;

  @Mixin LoadSettings settings;

  RunClock clock() {
    return new RunClock(startMillis);
  }
}
