package io.sp4j.bench.soak;

/**
 * How a series moved after the warm-up: the mean of its first tenth of samples ({@code start}) and
 * of its last tenth ({@code end}), and the least-squares slope over all of them, per hour, with its
 * standard error. A slope within twice its standard error cannot be told from noise.
 */
record Trend(int points, double start, double end, double slopePerHour, double slopeError) {
  private static final double HOUR = 3600;

  static Trend of(Series series, double warmupSeconds) {
    double[] t = series.times();
    double[] v = series.values();
    int first = 0;
    while (first < t.length && t[first] < warmupSeconds) {
      first++;
    }
    int n = t.length - first;
    if (n < 3) {
      return new Trend(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    int tenth = Math.max(1, (int) Math.round(n * 0.1));
    double start = mean(v, first, first + tenth);
    double end = mean(v, t.length - tenth, t.length);
    double meanT = mean(t, first, t.length);
    double meanV = mean(v, first, t.length);
    double sxx = 0;
    double sxy = 0;
    for (int i = first; i < t.length; i++) {
      sxx += (t[i] - meanT) * (t[i] - meanT);
      sxy += (t[i] - meanT) * (v[i] - meanV);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    double residuals = 0;
    for (int i = first; i < t.length; i++) {
      double r = v[i] - meanV - slope * (t[i] - meanT);
      residuals += r * r;
    }
    double error = sxx == 0 ? 0 : Math.sqrt(residuals / (n - 2) / sxx);
    return new Trend(n, start, end, slope * HOUR, error * HOUR);
  }

  boolean isKnown() {
    return !Double.isNaN(start);
  }

  double change() {
    return end - start;
  }

  /** The slope per hour where it stands out of the noise (beyond twice its error), else 0. */
  double significantSlope() {
    return Math.abs(slopePerHour) > 2 * slopeError ? slopePerHour : 0;
  }

  private static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }
}
