package io.sp4j.bench.soak;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The runner: starts the server process, then the client process, lets the load run, stops both in
 * order (the server's last samples while the load still runs, then the client, then the server),
 * and writes the report. Children end with it: their stdin closes when it ends, and a shutdown hook
 * kills them if it is stopped.
 */
@Command(
    name = "run",
    description = "Runs a soak (server and client processes) and writes its report.")
final class SoakRun implements Callable<Integer> {
  private static final long START_SECONDS = 120;
  private static final long STOP_SECONDS = 120;

  @Option(
      names = "--seconds",
      defaultValue = "3600",
      description = "Seconds of load (default: ${DEFAULT-VALUE}).")
  long seconds;

  @Option(
      names = "--warmup-seconds",
      defaultValue = "300",
      description = "Seconds left out of the verdicts at the start (default: ${DEFAULT-VALUE}).")
  double warmupSeconds;

  @Option(
      names = "--work",
      defaultValue = "target/soak",
      description = "Directory for the CSVs, logs and certificate (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(
      names = "--report",
      description = "The report's path without .md (default: <work>/report).")
  Path report;

  @Option(
      names = "--ipc-dir",
      description = "Directory for ipc:// sockets (default: a new temporary one, removed after).")
  Path ipcDir;

  @Option(
      names = "--server-java-opts",
      defaultValue =
          "-Xmx256m -XX:MaxDirectMemorySize=256m -Dio.netty.leakDetection.level=paranoid"
              + " -XX:+HeapDumpOnOutOfMemoryError",
      description = "JVM flags of the server process (default: ${DEFAULT-VALUE}).")
  String serverJavaOpts;

  @Option(
      names = "--client-java-opts",
      defaultValue = "-Xmx512m -XX:MaxDirectMemorySize=512m",
      description = "JVM flags of the client process (default: ${DEFAULT-VALUE}).")
  String clientJavaOpts;

  @Option(
      names = "--label",
      defaultValue = "",
      description = "What ran, e.g. the commit, for the report.")
  String label;

  @Mixin LoadSettings settings;

  @Spec CommandSpec spec;

  private final List<Child> children = new CopyOnWriteArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = work.toAbsolutePath();
    Files.createDirectories(dir);
    clean(dir);
    boolean ownIpcDir = ipcDir == null;
    Path ipc = ownIpcDir ? Files.createTempDirectory("sp4j-soak") : ipcDir;
    Thread killer = new Thread(() -> children.forEach(Child::kill), "soak-stop-children");
    Runtime.getRuntime().addShutdownHook(killer);
    long start = System.currentTimeMillis();
    double loadStart;
    try {
      loadStart = drive(out, dir, ipc, start);
    } finally {
      for (Child child : children) {
        child.close();
      }
      removeHook(killer);
      if (ownIpcDir) {
        deleteTree(ipc);
      }
    }
    info(dir, start).with("load-start-seconds", loadStart).save(dir);
    Path base = report != null ? report : dir.resolve("report");
    String headline = SoakReport.write(dir, base);
    out.println("soak: " + headline + "; report " + base + ".md");
    out.flush();
    return 0;
  }

  /** Runs the processes; returns when the load began, in seconds since {@code start}. */
  private double drive(PrintWriter out, Path dir, Path ipc, long start) throws Exception {
    List<String> common = List.of("--dir", dir.toString(), "--start-ms", Long.toString(start));
    Child server = launch("server", serverJavaOpts, dir, with(common, "--ipc-dir", ipc.toString()));
    server.expect("ready", START_SECONDS);
    Child client = launch("client", clientJavaOpts, dir, common);
    client.expect("ready", START_SECONDS);
    double loadStart = new RunClock(start).seconds();
    out.println("soak: load running for " + seconds + " s; work directory " + dir);
    out.flush();
    awaitLoad(out, server, client);
    server.ask("stop", "stopped", STOP_SECONDS);
    client.ask("quit", "done", STOP_SECONDS);
    server.ask("quit", "done", STOP_SECONDS);
    return loadStart;
  }

  /** Waits out the load, saying how far it is every minute; fails if a process ends early. */
  private void awaitLoad(PrintWriter out, Child server, Child client) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    CompletableFuture<Object> anyEnded = CompletableFuture.anyOf(server.onExit(), client.onExit());
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      try {
        anyEnded.get(Math.min(left, TimeUnit.MINUTES.toNanos(1)), TimeUnit.NANOSECONDS);
        throw new IllegalStateException(
            "a soak process ended during the load; see server.log and client.log in "
                + work.toAbsolutePath());
      } catch (TimeoutException stillRunning) {
        out.println(
            "soak: "
                + TimeUnit.NANOSECONDS.toSeconds(Math.max(0, end - System.nanoTime()))
                + " s to go");
        out.flush();
      }
    }
  }

  private Child launch(String role, String javaOpts, Path dir, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String opt : javaOpts.trim().split("\\s+", -1)) {
      if (!opt.isEmpty()) {
        command.add(opt.replace("{work}", dir.toString()));
      }
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), Soak.class.getName(), role));
    command.addAll(args);
    command.addAll(settings.args());
    Child child = Child.start(role, command, dir.resolve(role + ".log"));
    children.add(child);
    return child;
  }

  private RunInfo info(Path dir, long start) {
    RunInfo info =
        RunInfo.empty()
            .with("seconds", seconds)
            .with("warmup-seconds", warmupSeconds)
            .with("start-ms", start)
            .with("date", LocalDate.now(ZoneOffset.UTC))
            .with("label", label.isEmpty() ? "unlabelled" : label)
            .with("work", dir)
            .with("server-java-opts", serverJavaOpts)
            .with("client-java-opts", clientJavaOpts)
            .with("nproc", Runtime.getRuntime().availableProcessors())
            .with("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    List<String> args = settings.args();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      info.with(args.get(i).substring(2), args.get(i + 1));
    }
    return info;
  }

  /** Removes what an earlier run left in the work directory, so the report reads only this run. */
  private static void clean(Path dir) throws IOException {
    for (String file :
        List.of(
            ServerLog.FILE,
            ClientLog.NETWORK_FILE,
            ClientLog.INPROC_FILE,
            SoakServer.SUMMARY,
            RunInfo.FILE,
            Endpoints.FILE,
            "server.log",
            "client.log")) {
      Files.deleteIfExists(dir.resolve(file));
    }
  }

  private static List<String> with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will: nothing to undo
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
