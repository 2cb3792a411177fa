package io.sp4j.attack;

import java.util.Arrays;

/** Percentiles of durations in nanoseconds, reported in milliseconds (two decimals). */
public final class Percentiles {
  private Percentiles() {}

  /** The {@code p} percentile (0 to 1) of {@code nanos}, in ms; -1 when there are none. */
  public static double millis(long[] nanos, double p) {
    if (nanos.length == 0) {
      return -1;
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
    return Math.round(sorted[i] / 1e4) / 100.0;
  }
}
