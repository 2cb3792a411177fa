package io.sp4j.bench.soak;

import java.util.List;

/** One chart of the report and the series on it, each with how it is judged. */
record Chart(String slug, String title, String unit, List<Line> lines) {

  /**
   * A series and its judgement: flat within a tolerance, zero throughout (errors), or none (shown
   * for reading the others, such as the machine's load).
   */
  record Line(Series series, Tolerance tolerance, boolean mustBeZero) {
    static Line flat(Series series, Tolerance tolerance) {
      return new Line(series, tolerance, false);
    }

    static Line zero(Series series) {
      return new Line(series, null, true);
    }

    static Line shown(Series series) {
      return new Line(series, null, false);
    }

    boolean isJudged() {
      return tolerance != null || mustBeZero;
    }
  }
}
