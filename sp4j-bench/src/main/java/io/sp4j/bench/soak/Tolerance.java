package io.sp4j.bench.soak;

import java.util.Locale;

/**
 * How far a series may move and still count as flat: {@code max(absolute, relative × start)}, for
 * the change between the first and last tenth and for the slope per hour (where the slope stands
 * out of the noise). One-sided tolerances limit growth only (memory, fds, threads may fall);
 * two-sided ones limit any drift (a rate should neither fall nor climb).
 */
record Tolerance(double absolute, double relative, boolean twoSided) {
  static Tolerance growth(double absolute, double relative) {
    return new Tolerance(absolute, relative, false);
  }

  static Tolerance drift(double absolute, double relative) {
    return new Tolerance(absolute, relative, true);
  }

  double allowed(Trend trend) {
    return Math.max(absolute, relative * Math.abs(trend.start()));
  }

  boolean holds(Trend trend) {
    double allowed = allowed(trend);
    double change = twoSided ? Math.abs(trend.change()) : trend.change();
    double slope = twoSided ? Math.abs(trend.significantSlope()) : trend.significantSlope();
    return change <= allowed && slope <= allowed;
  }

  /** E.g. "growth ≤ max(8, 10 %)". */
  String describe(String unit) {
    String amount =
        relative == 0
            ? Numbers.format(absolute) + " " + unit
            : "max("
                + Numbers.format(absolute)
                + " "
                + unit
                + ", "
                + String.format(Locale.ROOT, "%.0f %%", relative * 100)
                + ")";
    return (twoSided ? "drift ≤ ±" : "growth ≤ ") + amount;
  }
}
