package io.sp4j.bench.soak;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as a small SVG file: time in minutes across, one unit up, the warm-up shaded, a
 * legend. The value axis starts at zero for series that never go below it, so that flat reads as
 * flat and noise is not blown up.
 */
final class SvgChart {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 300;
  private static final int LEFT = 72;
  private static final int RIGHT = 16;
  private static final int TOP = 34;
  private static final int BOTTOM = 44;
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};

  private SvgChart() {}

  static String render(String title, String unit, List<Series> lines, double warmupSeconds) {
    double maxT = 1;
    double low = 0;
    double high = 0;
    for (Series s : lines) {
      for (int i = 0; i < s.values().length; i++) {
        maxT = Math.max(maxT, s.times()[i]);
        low = Math.min(low, s.values()[i]);
        high = Math.max(high, s.values()[i]);
      }
    }
    double step = niceStep((high - low) / 5);
    double yMin = Math.floor(low / step) * step;
    double yMax = Math.max(yMin + step, Math.ceil(high / step) * step);
    double minutes = maxT / 60;
    double xStep = niceStep(minutes / 8);
    Frame frame = new Frame(minutes, yMin, yMax);

    StringBuilder svg = new StringBuilder(8192);
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"sans-serif\" font-size=\"11\">%n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n",
            LEFT,
            escape(title)));
    double warmEnd = frame.x(Math.min(warmupSeconds / 60, minutes));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>%n",
            LEFT,
            TOP,
            warmEnd - LEFT,
            HEIGHT - TOP - BOTTOM));
    if (warmEnd - LEFT > 40) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"#888888\">warm-up</text>%n",
              LEFT + 4,
              TOP + 12));
    }
    for (double y = yMin; y <= yMax + step / 2; y += step) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
              LEFT,
              WIDTH - RIGHT,
              frame.y(y),
              frame.y(y),
              LEFT - 6,
              frame.y(y) + 4,
              Numbers.format(y)));
    }
    for (double x = 0; x <= minutes + xStep / 2; x += xStep) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
              frame.x(x),
              HEIGHT - BOTTOM + 16,
              Numbers.format(x)));
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minutes</text>%n",
            (LEFT + WIDTH - RIGHT) / 2,
            HEIGHT - 8));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
            (TOP + HEIGHT - BOTTOM) / 2,
            (TOP + HEIGHT - BOTTOM) / 2,
            escape(unit)));
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888888\"/>%n",
            LEFT,
            TOP,
            WIDTH - LEFT - RIGHT,
            HEIGHT - TOP - BOTTOM));
    for (int i = 0; i < lines.size(); i++) {
      line(svg, frame, lines.get(i), COLOURS[i % COLOURS.length], i);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void line(
      StringBuilder svg, Frame frame, Series series, String colour, int index) {
    svg.append("<polyline fill=\"none\" stroke=\"")
        .append(colour)
        .append("\" stroke-width=\"1.5\" points=\"");
    for (int i = 0; i < series.values().length; i++) {
      svg.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f ",
              frame.x(series.times()[i] / 60),
              frame.y(series.values()[i])));
    }
    svg.append("\"/>\n");
    int legendY = TOP + 14 + 14 * index;
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
            WIDTH - RIGHT - 22,
            WIDTH - RIGHT - 6,
            legendY - 4,
            legendY - 4,
            colour,
            WIDTH - RIGHT - 28,
            legendY,
            escape(series.label())));
  }

  /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
  static double niceStep(double rough) {
    if (!(rough > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(rough)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= rough) {
        return m * power;
      }
    }
    return 10 * power;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Data to picture coordinates. */
  private record Frame(double minutes, double yMin, double yMax) {
    double x(double minute) {
      return LEFT + (WIDTH - LEFT - RIGHT) * minute / Math.max(1e-9, minutes);
    }

    double y(double value) {
      return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value - yMin) / (yMax - yMin);
    }
  }
}
