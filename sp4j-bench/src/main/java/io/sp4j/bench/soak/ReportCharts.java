package io.sp4j.bench.soak;

import java.util.List;

/**
 * The report's charts, with the tolerance of each series and why it is that:
 *
 * <ul>
 *   <li>heap after a full GC: growth ≤ max(8 MiB, 10 %). The heap is capped at 256 MiB; 8 MiB an
 *       hour would take more than a day to fill what is free, and is about what the messages in
 *       flight at one moment (up to some dozens of 256 KiB ones) make a sample vary by.
 *   <li>direct memory, and Netty's pooled heap arenas: growth ≤ max(16 MiB, 10 %). Netty's pool
 *       takes memory in chunks of 4 MiB per arena and keeps them; a burst of large messages can add
 *       a chunk to a few arenas.
 *   <li>heap committed and RSS: growth ≤ max(32 MiB, 10 %): the JVM sizes these itself (heap
 *       regions, code cache, allocator arenas), so only a steady climb means anything.
 *   <li>fds and connections: growth ≤ 2 × (sockets churned + raw cuts per step) + 4: at a sample
 *       that many connections may be just closing or just opening.
 *   <li>threads: growth ≤ 4: pool threads (the common fork-join pool that completes asynchronous
 *       calls, JDK helpers) come and go.
 *   <li>message rates: drift ≤ ±10 %: the load is paced, so the rate should hold while the machine
 *       has the CPU for it (the load average is charted beside it, as the machine is shared).
 * </ul>
 *
 * <p>Errors must be zero throughout; refusals and the machine's load are shown, not judged
 * (refusals answer the raw peers, whose cuts are random).
 */
final class ReportCharts {
  static final double MIB = 1.0 / (1024 * 1024);

  private ReportCharts() {}

  static List<Chart> of(CsvTable server, CsvTable clients, CsvTable inproc, RunInfo info) {
    double inFlight = 2 * (info.number("churn") + info.number("raw-cuts")) + 4;
    Tolerance heap = Tolerance.growth(8, 0.10);
    Tolerance direct = Tolerance.growth(16, 0.10);
    Tolerance sized = Tolerance.growth(32, 0.10);
    Tolerance rate = Tolerance.drift(1, 0.10);
    return List.of(
        new Chart(
            "heap",
            "Heap",
            "MiB",
            List.of(
                Chart.Line.flat(server.gauge("heap used after GC", "heap_after_gc", MIB), heap),
                Chart.Line.flat(server.gauge("heap committed", "heap_committed", MIB), sized),
                Chart.Line.flat(
                    server.gauge("Netty pooled heap arenas (part of the heap)", "heap_netty", MIB),
                    direct))),
        new Chart(
            "direct",
            "Direct memory",
            "MiB",
            List.of(
                Chart.Line.flat(server.gauge("direct, JDK buffer pool", "direct_jdk", MIB), direct),
                Chart.Line.flat(
                    server.gauge("direct, Netty pooled allocator", "direct_netty", MIB), direct))),
        new Chart(
            "rss",
            "Resident memory",
            "MiB",
            List.of(Chart.Line.flat(server.gauge("RSS", "rss", MIB), sized))),
        new Chart(
            "fds",
            "File descriptors and connections",
            "count",
            List.of(
                Chart.Line.flat(server.gauge("open fds", "fds", 1), Tolerance.growth(inFlight, 0)),
                Chart.Line.flat(
                    server.gauge("open connections", "connections", 1),
                    Tolerance.growth(inFlight, 0)))),
        new Chart(
            "threads",
            "Threads",
            "count",
            List.of(
                Chart.Line.flat(
                    server.gauge("live threads", "threads", 1), Tolerance.growth(4, 0)))),
        new Chart(
            "traffic",
            "Messages per second (sent + received)",
            "msg/s",
            List.of(
                Chart.Line.flat(server.rate("server sockets", "sent", "received"), rate),
                Chart.Line.flat(clients.rate("network clients", "sent", "received"), rate),
                Chart.Line.flat(inproc.rate("inproc clients", "sent", "received"), rate))),
        new Chart(
            "errors",
            "Errors and refusals per minute",
            "per minute",
            List.of(
                Chart.Line.zero(clients.rate("network client errors", "errors").scaled(60)),
                Chart.Line.zero(inproc.rate("inproc client errors", "errors").scaled(60)),
                Chart.Line.zero(server.rate("server check errors", "errors").scaled(60)),
                Chart.Line.shown(
                    server.rate("refusals (raw peers' doing)", "refusals").scaled(60)))),
        new Chart(
            "load",
            "The machine's load (others' work included)",
            "1-minute load average",
            List.of(Chart.Line.shown(server.gauge("load average", "load_avg_x100", 0.01)))));
  }
}
