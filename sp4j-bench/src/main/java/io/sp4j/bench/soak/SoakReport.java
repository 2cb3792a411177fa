package io.sp4j.bench.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The report of a run, from its work directory: {@code <base>.md} and one {@code
 * <base>-<chart>.svg} per chart beside it. The markdown gives the setup, the totals, and per series
 * its start, end, slope and verdict; a run is clean when every series is flat, no check failed and
 * Netty reported no leak.
 */
final class SoakReport {
  private final Path work;
  private final RunInfo info;
  private final CsvTable server;
  private final CsvTable clients;
  private final CsvTable inproc;
  private final Properties summary;

  private SoakReport(Path work) throws IOException {
    this.work = work;
    this.info = RunInfo.load(work);
    this.server = CsvTable.read(work.resolve(ServerLog.FILE));
    this.clients = CsvTable.read(work.resolve(ClientLog.NETWORK_FILE));
    this.inproc = CsvTable.read(work.resolve(ClientLog.INPROC_FILE));
    this.summary = RunInfo.properties(work.resolve(SoakServer.SUMMARY));
  }

  /** Writes the report; returns its one-line verdict. */
  static String write(Path work, Path base) throws IOException {
    return new SoakReport(work).writeTo(base);
  }

  private String writeTo(Path base) throws IOException {
    Path dir = base.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String name = base.getFileName().toString();
    // The warm-up counts from the moment the load began (both processes up), not from the start.
    double warmup = info.number("load-start-seconds") + info.number("warmup-seconds");
    List<Chart> charts = ReportCharts.of(server, clients, inproc, info);
    List<String> verdicts = new ArrayList<>();
    StringBuilder sections = new StringBuilder();
    int notFlat = 0;
    for (Chart chart : charts) {
      String svg = name + "-" + chart.slug() + ".svg";
      List<Series> lines = chart.lines().stream().map(Chart.Line::series).toList();
      Files.writeString(
          dir.resolve(svg),
          SvgChart.render(chart.title(), chart.unit(), lines, warmup),
          StandardCharsets.UTF_8);
      sections
          .append("### ")
          .append(chart.title())
          .append("\n\n![")
          .append(chart.title())
          .append("](")
          .append(svg)
          .append(")\n\n");
      for (Chart.Line line : chart.lines().stream().filter(Chart.Line::isJudged).toList()) {
        Verdict verdict = Verdict.of(line, chart.unit(), warmup);
        notFlat += verdict.flat() ? 0 : 1;
        verdicts.add(verdict.line());
      }
    }
    long errors = (long) (clients.sum("errors") + inproc.sum("errors") + server.sum("errors"));
    long leaks = LogScan.count(work, "LEAK:");
    String headline = headline(verdicts.size(), notFlat, errors, leaks);
    StringBuilder md = new StringBuilder();
    md.append("# Soak: ")
        .append(Numbers.format(info.number("seconds") / 60))
        .append(" minutes of mixed load")
        .append(" (")
        .append(info.text("date"))
        .append(", ")
        .append(info.text("label"))
        .append(")\n\n");
    md.append("**").append(headline).append("**\n\n");
    md.append(
        "Made by `bench/soak.sh` (`io.sp4j.bench.soak.Soak run`). The server process binds every pattern's"
            + " server side on every transport; a client process drives the clients over the network transports, and"
            + " the inproc:// clients run inside the server. Samples of the server process every "
            + Numbers.format(info.number("sample-seconds"))
            + " s; the raw CSV stays in `target/` (`"
            + shown(Path.of(info.text("work")))
            + "`).\n\n");
    md.append(
            "## Verdicts\n\nFirst and last tenth of the samples after the warm-up (the processes' start,")
        .append(" then the first ")
        .append(Numbers.format(info.number("warmup-seconds") / 60))
        .append(
            " min of load); slope by least squares over them, per hour, ± its standard"
                + " error. A slope within twice its error counts as no slope. Tolerances and why: see"
                + " `ReportCharts`.\n\n");
    verdicts.forEach(v -> md.append(v).append('\n'));
    md.append("- errors (failed checks): **")
        .append(errors == 0 ? "none" : errors + " errors")
        .append("**\n");
    md.append("- Netty leak reports (`LEAK:` in the logs): **")
        .append(leaks == 0 ? "none" : leaks)
        .append("**\n\n");
    md.append(ReportSetup.markdown(info, summary));
    md.append(ReportTotals.markdown(server, clients, inproc, summary));
    md.append("## Series\n\nThe warm-up is shaded.\n\n").append(sections);
    Files.writeString(dir.resolve(name + ".md"), md.toString(), StandardCharsets.UTF_8);
    return headline;
  }

  /**
   * Where the raw data is, without this machine's own directories (a committed report names none):
   * from the {@code target} directory on, or just the directory's name.
   */
  static String shown(Path work) {
    for (int i = 0; i < work.getNameCount(); i++) {
      if (work.getName(i).toString().equals("target")) {
        return work.subpath(i, work.getNameCount()).toString();
      }
    }
    return String.valueOf(work.getFileName());
  }

  private static String headline(int series, int notFlat, long errors, long leaks) {
    String flat =
        notFlat == 0
            ? "all " + series + " series flat"
            : notFlat + " of " + series + " series not flat";
    return flat
        + "; "
        + (errors == 0 ? "no errors" : errors + " errors")
        + "; "
        + (leaks == 0 ? "no leak reports" : leaks + " leak reports");
  }
}
