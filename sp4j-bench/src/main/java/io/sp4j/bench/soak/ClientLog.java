package io.sp4j.bench.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One row per sample of a process's client load ({@code client.csv} for the network clients, {@code
 * inproc-client.csv} for those inside the server): the sessions kept open and every counter of its
 * {@link Tally} since the last row.
 */
final class ClientLog implements Runnable, AutoCloseable {
  static final String NETWORK_FILE = "client.csv";
  static final String INPROC_FILE = "inproc-client.csv";

  private final RunClock clock;
  private final ClientLoad clients;
  private final TallyDeltas deltas;
  private final CsvLog csv;

  ClientLog(Path file, RunClock clock, ClientLoad clients, Tally tally) {
    this.clock = clock;
    this.clients = clients;
    this.deltas = new TallyDeltas(tally, Arrays.asList(Tally.Count.values()));
    List<String> columns = new ArrayList<>();
    columns.add("sessions");
    columns.addAll(deltas.columns());
    this.csv = new CsvLog(file, columns);
  }

  @Override
  public void run() {
    long[] counts = deltas.next();
    long[] row = new long[counts.length + 1];
    row[0] = clients.sessions();
    System.arraycopy(counts, 0, row, 1, counts.length);
    csv.row(clock.seconds(), row);
  }

  @Override
  public void close() {
    csv.close();
  }
}
