package io.sp4j.bench.soak;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The server process: binds every pattern's server side on every transport, runs the inproc://
 * clients, samples itself into {@code server.csv}. On {@code stop} it takes its last samples (the
 * load still running); on {@code quit} it closes its clients, waits for the connections to drain,
 * writes what it holds then and what its sockets refused to {@value #SUMMARY}, and closes.
 */
@Command(name = "server", description = "The soak's server process (started by 'run').")
final class SoakServer implements Callable<Integer> {
  static final String SUMMARY = "server-summary.properties";
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(15);

  @Mixin ChildOptions options;

  @Option(names = "--ipc-dir", required = true, description = "Where ipc:// sockets go.")
  Path ipcDir;

  @Override
  public Integer call() throws Exception {
    Path dir = options.dir;
    LoadSettings settings = options.settings;
    RunClock clock = options.clock();
    RunnerLink link = new RunnerLink();
    SoakLogging.showRefusals();
    Certificates.create(dir);
    Load serverLoad = Load.create("soak-server-pace", settings);
    Load inprocLoad = Load.create("soak-inproc-pace", settings);
    try (ServerSide server = ServerSide.start(serverLoad, ipcDir, Certificates.serving(dir))) {
      server.endpoints().save(dir);
      ConnectionCount connections = new ConnectionCount(server.endpoints().ports(), ipcDir);
      try (ClientLoad inproc =
              ClientLoad.start(inprocLoad, server.endpoints(), List.of(Transport.INPROC), null);
          ServerLog serverLog = new ServerLog(dir, clock, server, serverLoad.tally(), connections);
          ClientLog inprocLog =
              new ClientLog(
                  dir.resolve(ClientLog.INPROC_FILE), clock, inproc, inprocLoad.tally())) {
        Sampler sampler =
            new Sampler(settings.sampleSeconds, serverLoad.tally(), List.of(serverLog, inprocLog));
        link.say("ready");
        link.await("stop");
        sampler.close();
        link.say("stopped");
        link.await("quit");
      }
      serverLoad.pacer().close();
      inprocLoad.pacer().close();
      awaitDrained(connections);
      writeSummary(dir, server, connections);
    }
    link.say("done");
    return 0;
  }

  /** Waits (bounded) until the clients' connections are gone, as the kernel sees them. */
  private static void awaitDrained(ConnectionCount connections) {
    long deadline = System.nanoTime() + DRAIN_NANOS;
    while (connections.count() > 0 && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
    }
  }

  /** What the server holds with no client left, and what it refused over the run. */
  private static void writeSummary(Path dir, ServerSide server, ConnectionCount connections)
      throws IOException {
    Properties summary = new Properties();
    long[] gauges = ProcessGauges.read();
    for (int i = 0; i < gauges.length; i++) {
      summary.setProperty("after." + ProcessGauges.COLUMNS.get(i), Long.toString(gauges[i]));
    }
    summary.setProperty("after.connections", Long.toString(connections.count()));
    server
        .refusals()
        .forEach((reason, n) -> summary.setProperty("refusals." + reason, Long.toString(n)));
    summary.setProperty(
        "jvm.args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    summary.setProperty("java.version", System.getProperty("java.version"));
    try (Writer out = Files.newBufferedWriter(dir.resolve(SUMMARY), StandardCharsets.UTF_8)) {
      summary.store(out, "the soak server at its end");
    }
  }
}
