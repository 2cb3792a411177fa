package io.sp4j.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of {@code server.csv} per sample: the process's gauges, the server's open connections,
 * and since the last row the messages its sockets sent and received, checks that failed, and
 * connections or messages its sockets refused; last, the machine's load average.
 */
final class ServerLog implements Runnable, AutoCloseable {
  static final String FILE = "server.csv";
  static final List<Tally.Count> COUNTS =
      List.of(
          Tally.Count.SENT,
          Tally.Count.RECEIVED,
          Tally.Count.BYTES_SENT,
          Tally.Count.BYTES_RECEIVED,
          Tally.Count.FULL,
          Tally.Count.ERRORS);

  private final RunClock clock;
  private final ServerSide server;
  private final ConnectionCount connections;
  private final TallyDeltas deltas;
  private final CsvLog csv;
  private long refusedBefore;

  ServerLog(Path dir, RunClock clock, ServerSide server, Tally tally, ConnectionCount connections) {
    this.clock = clock;
    this.server = server;
    this.connections = connections;
    this.deltas = new TallyDeltas(tally, COUNTS);
    List<String> columns = new ArrayList<>(ProcessGauges.COLUMNS);
    columns.add("connections");
    columns.addAll(deltas.columns());
    columns.add("refusals");
    columns.add("load_avg_x100");
    this.csv = new CsvLog(dir.resolve(FILE), columns);
  }

  @Override
  public void run() {
    long[] gauges = ProcessGauges.read();
    long[] counts = deltas.next();
    long refused = server.refusals().values().stream().mapToLong(Long::longValue).sum();
    long[] row = new long[gauges.length + 1 + counts.length + 2];
    System.arraycopy(gauges, 0, row, 0, gauges.length);
    row[gauges.length] = connections.count();
    System.arraycopy(counts, 0, row, gauges.length + 1, counts.length);
    row[row.length - 2] = refused - refusedBefore;
    refusedBefore = refused;
    row[row.length - 1] = Math.round(100 * loadAverage());
    csv.row(clock.seconds(), row);
  }

  /** The machine's 1-minute load average (others' work included: the machine is shared). */
  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ", -1)[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    csv.close();
  }
}
