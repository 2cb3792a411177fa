package io.sp4j.attack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server under attack in a process of its own: sp4j's {@link AttackTarget}, nanocat or nngcat,
 * each a REP on one loopback port. {@link #stats()} gives the same kernel numbers for all three
 * ({@link ProcessMeter}: {@code rss}, {@code fds}, {@code threads}) and, for sp4j, what the target
 * says of its own JVM ({@link TargetStats}: {@code heap}, {@code direct}, Java {@code threads},
 * counters), plus {@code osThreads}. {@link #close()} ends it whatever state it is in.
 */
public final class TargetProcess implements AutoCloseable {
  /** Which server. */
  public enum Kind {
    SP4J("sp4j"),
    NANOMSG("nanomsg"),
    NNG("NNG");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * How an sp4j target's JVM runs: its heap and direct memory limit, and Netty's leak detector
   * level. Tests use {@link #TEST}: a small fixed heap, so that a leak or a promise of memory
   * shows, and the leak detector at its strictest.
   */
  public record Jvm(String maxHeap, String maxDirect, String leakLevel) {
    public static final Jvm TEST = new Jvm("64m", "64m", "paranoid");
  }

  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Kind kind;
  private final Process process;
  private final List<String> command;
  private final ProcessOutput output;
  private final PrintWriter stdin;
  private volatile AttackAddress address;

  private TargetProcess(Kind kind, List<String> command) {
    this.kind = kind;
    this.command = List.copyOf(command);
    try {
      this.process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
    this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    // sp4j's replies are kept; nanocat's echo of every request is not (it can be a flood).
    this.output = new ProcessOutput(process, kind == Kind.SP4J);
  }

  /**
   * Starts sp4j's {@link AttackTarget}: a REP bound to port 0 of {@code scheme}, with {@code
   * options} ({@code NAME=VALUE}); returns once it is ready.
   *
   * @throws IllegalStateException with its stderr if it does not start (an unknown option, say)
   */
  public static TargetProcess sp4j(Scheme scheme, List<String> options, Jvm jvm) {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(
        List.of(
            "-Xmx" + jvm.maxHeap(),
            "-XX:MaxDirectMemorySize=" + jvm.maxDirect(),
            // Serial: after System.gc() the heap in use is what is alive, and no GC threads to
            // count.
            "-XX:+UseSerialGC",
            "-Dio.netty.leakDetection.level=" + jvm.leakLevel()));
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(AttackTarget.class.getName());
    for (String option : options) {
      c.add("--option");
      c.add(option);
    }
    if (Boolean.getBoolean("sp4j.attack.ignoreUnknownOptions")) {
      c.add("--ignore-unknown-options");
    }
    c.add(scheme.url(0));
    TargetProcess target = new TargetProcess(Kind.SP4J, c);
    try {
      String ready = target.reply("ready ", STARTUP);
      target.address = new AttackAddress(scheme, portOf(ready.substring("ready ".length())));
      return target;
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /** Starts {@code nanocat --rep --bind URL --data pong --ascii} (nanomsg) on {@code port}. */
  public static TargetProcess nanocat(Scheme scheme, int port) {
    return external(
        Kind.NANOMSG,
        List.of("nanocat", "--rep", "--bind", scheme.url(port), "--data", "pong", "--ascii"),
        scheme,
        port);
  }

  /** Starts {@code nngcat --rep --listen URL --data pong} (NNG) on {@code port}. */
  public static TargetProcess nngcat(Scheme scheme, int port) {
    return external(
        Kind.NNG,
        List.of("nngcat", "--rep", "--listen", scheme.url(port), "--data", "pong"),
        scheme,
        port);
  }

  private static TargetProcess external(Kind kind, List<String> command, Scheme scheme, int port) {
    TargetProcess target = new TargetProcess(kind, command);
    target.address = new AttackAddress(scheme, port);
    if (!Waits.until(() -> !target.isAlive() || LoopbackPorts.listening(port), STARTUP)
        || !target.isAlive()) {
      target.close();
      throw new IllegalStateException(
          target + " is not listening on port " + port + "; " + target.stderrTail());
    }
    return target;
  }

  public Kind kind() {
    return kind;
  }

  public long pid() {
    return process.pid();
  }

  public AttackAddress address() {
    return address;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The numbers now (see the class comment).
   *
   * @throws IllegalStateException if the process has ended
   */
  public synchronized Map<String, Long> stats() {
    Map<String, Long> stats = new LinkedHashMap<>(ProcessMeter.read(pid()).asMap());
    if (kind == Kind.SP4J) {
      long osThreads = stats.get("threads");
      stdin.println("stats");
      String line = reply("stats ", Duration.ofSeconds(60));
      for (String field : line.substring("stats ".length()).trim().split(" ", -1)) {
        int eq = field.indexOf('=');
        stats.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
      }
      stats.put("osThreads", osThreads);
    }
    return stats;
  }

  /** What it wrote on stderr so far (the first MiB). */
  public String stderr() {
    return output.stderr();
  }

  /**
   * The lines of stderr that report trouble: a leaked buffer or an uncaught throwable ({@link
   * ProblemReporter}), an exception that reached the end of a Netty pipeline, an OutOfMemoryError
   * anywhere.
   */
  public List<String> problems() {
    List<String> found = new ArrayList<>();
    for (String line : stderr().split("\n", -1)) {
      if (line.startsWith(ProblemReporter.LEAK)
          || line.startsWith(ProblemReporter.UNCAUGHT)
          || line.contains("exceptionCaught() event was fired")
          || line.contains("OutOfMemoryError")
          || line.contains("LEAK:")) {
        found.add(line);
      }
    }
    return found;
  }

  /** The last lines of stderr, for failure messages. */
  public String stderrTail() {
    String all = stderr();
    return "stderr: '"
        + (all.length() > 2000 ? "…" + all.substring(all.length() - 2000) : all)
        + "'";
  }

  /** Asks it to exit ({@code exit} for sp4j), then SIGTERM, then SIGKILL; waits for the end. */
  @Override
  public void close() {
    try {
      if (kind == Kind.SP4J && process.isAlive()) {
        stdin.println("exit");
        process.waitFor(5, TimeUnit.SECONDS);
      }
      process.destroy();
      if (!process.waitFor(3, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return kind.label()
        + " ("
        + String.join(" ", command.subList(0, Math.min(command.size(), 3)))
        + " … pid "
        + pid()
        + ")";
  }

  /**
   * The next stdout line starting with {@code prefix}; fails with stderr if the process ends first.
   */
  private String reply(String prefix, Duration timeout) {
    try {
      return output.nextLine(prefix, timeout);
    } catch (TimeoutException | IOException e) {
      if (!isAlive() || e instanceof IOException) {
        waitQuietly();
      }
      throw new IllegalStateException(
          this
              + ": "
              + e.getMessage()
              + (isAlive() ? "" : " (it ended, exit " + process.exitValue() + ")")
              + "; "
              + stderrTail(),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + this, e);
    }
  }

  private void waitQuietly() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int portOf(String url) {
    String rest = url.substring(url.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    return Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1));
  }
}
