package io.sp4j.bench.soak;

import java.util.List;

/**
 * One chart of the report and the series on it; a series with a tolerance gets a flatness
 * verdict, one without (errors) is judged by its total.
 */
record Chart(String slug, String title, String unit, List<Line> lines) {
  record Line(Series series, Tolerance tolerance) {}
}
