package io.sp4j.bench.soak;

import java.util.Locale;

/** Numbers as the report writes them: up to three significant digits, whole numbers grouped. */
final class Numbers {
  private Numbers() {}

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    if (value == 0) {
      return "0";
    }
    if (magnitude >= 1000 || (value == Math.rint(value) && magnitude >= 1)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (magnitude >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (magnitude >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }

  /** With a sign, for changes. */
  static String signed(double value) {
    return (value > 0 ? "+" : "") + format(value);
  }

  static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
