package io.sp4j.bench.soak;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The report's totals: what each side sent, received and checked, churn, refusals, and the end
 * state.
 */
final class ReportTotals {
  private ReportTotals() {}

  static String markdown(CsvTable server, CsvTable clients, CsvTable inproc, Properties summary) {
    List<CsvTable> sides = List.of(clients, inproc, server);
    StringBuilder md =
        new StringBuilder(
            "## Totals\n\n| | network clients | inproc clients | server sockets |\n|---|--:|--:|--:|\n");
    counts(md, "messages sent", sides, "sent", 1);
    counts(md, "messages received", sides, "received", 1);
    counts(md, "MiB sent", sides, "bytes_sent", ReportCharts.MIB);
    counts(md, "MiB received", sides, "bytes_received", ReportCharts.MIB);
    counts(md, "sends skipped (no room, no peer)", sides, "full", 1);
    counts(md, "failed checks (errors)", sides, "errors", 1);
    List<CsvTable> clientSides = List.of(clients, inproc);
    counts(md, "stale PAIR echoes (after churn)", clientSides, "stale", 1);
    counts(md, "PAIR messages sent again (no echo in 5 s)", clientSides, "resent", 1);
    counts(md, "client sockets opened", clientSides, "opened", 1);
    counts(md, "closed with their linger", clientSides, "closed", 1);
    counts(md, "closed with LINGER 0", clientSides, "cut", 1);
    counts(md, "raw connections cut", clientSides, "raw_cuts", 1);
    md.append(
        "\nThe server's sockets count only what their own flows sent and received (the BUS hub's"
            + " forwarding is not counted). Each process takes its last sample before it closes its sockets,"
            + " so the closes at the very end are not counted.\n\n");
    Map<String, Long> refusals = new TreeMap<>();
    summary.stringPropertyNames().stream()
        .filter(k -> k.startsWith("refusals."))
        .forEach(
            k ->
                refusals.put(
                    k.substring("refusals.".length()), Long.parseLong(summary.getProperty(k))));
    long refused = refusals.values().stream().mapToLong(Long::longValue).sum();
    md.append("Refusals by the server's sockets over the run (`Socket.refusals()`, summed): ")
        .append(refused);
    refusals.forEach((reason, n) -> md.append(n == 0 ? "" : ", " + reason + " " + n));
    md.append(refusals.isEmpty() ? " (not recorded)" : "").append(".\n\n");
    md.append(endState(server, summary));
    return md.toString();
  }

  private static void counts(
      StringBuilder md, String name, List<CsvTable> sides, String column, double factor) {
    md.append("| ").append(name);
    for (int i = 0; i < 3; i++) {
      CsvTable side = i < sides.size() ? sides.get(i) : null;
      md.append(" | ").append(side == null ? "" : Numbers.count(side.sum(column) * factor));
    }
    md.append(" |\n");
  }

  /** The server at its first sample (no network client yet) and after every client left. */
  private static String endState(CsvTable server, Properties summary) {
    if (server.size() == 0) {
      return "";
    }
    StringBuilder md =
        new StringBuilder(
            "The server before the network clients came (its first sample) and once every client had gone"
                + " (after a full GC):\n\n| | first sample | after the run |\n|---|--:|--:|\n");
    String[][] rows = {
      {"open connections", "connections", "1"},
      {"open fds", "fds", "1"},
      {"live threads", "threads", "1"},
      {"heap used after GC, MiB", "heap_after_gc", "MiB"},
      {"of which Netty's pooled heap arenas, MiB", "heap_netty", "MiB"},
      {"direct, JDK pool, MiB", "direct_jdk", "MiB"},
      {"direct, Netty pooled, MiB", "direct_netty", "MiB"},
      {"RSS, MiB", "rss", "MiB"}
    };
    for (String[] row : rows) {
      double factor = row[2].equals("MiB") ? ReportCharts.MIB : 1;
      String after = summary.getProperty("after." + row[1]);
      md.append("| ")
          .append(row[0])
          .append(" | ")
          .append(Numbers.format(server.column(row[1])[0] * factor))
          .append(" | ")
          .append(after == null ? "n/a" : Numbers.format(Double.parseDouble(after) * factor))
          .append(" |\n");
    }
    return md.append('\n').toString();
  }
}
