package io.sp4j.bench.soak;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes a sample (writes one row to each of its logs) at once and then every interval, on a thread
 * of its own (a sample runs a full GC, which must not hold up the load's pacing). {@link #close}
 * stops it and takes one last sample, so that the counts of the last, shorter interval are kept
 * too: rows carry their time, so rates come out right.
 */
final class Sampler implements AutoCloseable {
  private final Pacer pacer;
  private final List<Runnable> rows;

  Sampler(double seconds, Tally errors, List<Runnable> rows) {
    this.rows = List.copyOf(rows);
    this.pacer = new Pacer("soak-sample", e -> errors.error("sample: " + e));
    pacer.every((long) (seconds * TimeUnit.SECONDS.toNanos(1)), 0, this::sample);
  }

  private void sample() {
    rows.forEach(Runnable::run);
  }

  @Override
  public void close() {
    pacer.close();
    sample();
  }
}
