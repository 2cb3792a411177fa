package io.sp4j.bench.soak;

import java.util.Arrays;

/**
 * One judged series ({@link Chart.Line#isJudged}): its trend after the warm-up against its
 * tolerance, or whether it stayed at zero, as a report line.
 */
record Verdict(String line, boolean flat) {
  static Verdict of(Chart.Line chartLine, String unit, double warmupSeconds) {
    Series series = chartLine.series();
    Trend trend = Trend.of(series, warmupSeconds);
    Tolerance tolerance = chartLine.tolerance();
    String numbers =
        "start "
            + Numbers.format(trend.start())
            + ", end "
            + Numbers.format(trend.end())
            + " "
            + unit
            + " ("
            + Numbers.signed(trend.change())
            + "); slope "
            + Numbers.signed(trend.slopePerHour())
            + " ± "
            + Numbers.format(trend.slopeError())
            + " "
            + unit
            + "/h";
    if (chartLine.mustBeZero()) {
      boolean none = Arrays.stream(series.values()).allMatch(value -> value == 0);
      return new Verdict(
          "- " + series.label() + ": " + (none ? "**none**" : "**SOME** (see the chart)"), none);
    }
    if (!trend.isKnown()) {
      return new Verdict(
          "- " + series.label() + ": **unknown** (fewer than 3 samples after the warm-up)", false);
    }
    boolean flat = tolerance.holds(trend);
    return new Verdict(
        "- "
            + series.label()
            + ": **"
            + (flat ? "flat" : "NOT FLAT")
            + "** ("
            + numbers
            + "; "
            + tolerance.describe(unit)
            + ")",
        flat);
  }
}
