package io.sp4j.faults;

import io.sp4j.faults.PeerLog.Line;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A {@link FaultPeer} process inside a namespace, as the test sees it: commands go to its stdin,
 * and each line it prints is kept with the time the peer stamped on it (see {@link PeerOutput}),
 * read by a thread of its own.
 */
final class Peer implements AutoCloseable {
  /** Peers are small and short-lived: start fast, compile little, stay out of the tests' way. */
  private static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-XX:-UsePerfData");

  private final String id;
  private final Process process;
  private final OutputStream stdin;
  private final List<Line> lines = new ArrayList<>();
  private final StringBuilder stderr = new StringBuilder();
  private final Thread stdoutReader;

  private Peer(String id, Process process) {
    this.id = id;
    this.process = process;
    this.stdin = process.getOutputStream();
    this.stdoutReader = daemon("peer-" + id + "-stdout", this::readStdout);
    daemon("peer-" + id + "-stderr", this::readStderr);
  }

  /**
   * Starts {@code FaultPeer <id> <arguments>} in {@code namespace}, without waiting for it (see
   * {@link #awaitReady}): peers that start side by side share the JVMs' start-up time.
   */
  static Peer launch(String namespace, String id, List<String> arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                namespace,
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JVM_OPTIONS);
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), FaultPeer.class.getName(), id));
    command.addAll(arguments);
    try {
      // 'ip netns exec' replaces itself with java: the process is the peer, and a kill reaches it.
      return new Peer(id, new ProcessBuilder(command).start());
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + command + ": " + e.getMessage(), e);
    }
  }

  /** Waits until the peer takes commands; returns it. */
  Peer awaitReady(Duration timeout) {
    long stamp = await("ready", line -> line.kind() == PeerLine.READY, timeout).nanos();
    long now = System.nanoTime();
    if (stamp > now || stamp < now - timeout.toNanos()) {
      throw new IllegalStateException(
          "peer "
              + id
              + " stamped 'ready' "
              + (now - stamp) / 1_000_000
              + " ms before the test read it: its System.nanoTime() is not this JVM's clock");
    }
    return this;
  }

  String id() {
    return id;
  }

  long pid() {
    return process.pid();
  }

  /** Sends one command line. */
  void command(String line) {
    try {
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException(
          "peer " + id + " no longer takes commands: " + e.getMessage() + "; " + output(), e);
    }
  }

  /** The lines so far. */
  PeerLog log() {
    synchronized (lines) {
      return new PeerLog(id, lines);
    }
  }

  /** The lines so far of one kind. */
  List<Line> lines(PeerLine kind) {
    return log().lines(kind);
  }

  /** The first line that matches, if any yet. */
  Optional<Line> first(Predicate<Line> match) {
    return log().first(match);
  }

  /** The first line that matches; fails at once if there is none and there will be no more. */
  private Optional<Line> firstOrEnded(Predicate<Line> match, String what) {
    boolean ended = !stdoutReader.isAlive();
    Optional<Line> found = first(match);
    if (found.isEmpty() && ended) {
      throw new AssertionError(id + " ended without " + what + "; " + output());
    }
    return found;
  }

  /** Waits up to {@code timeout} for a line that matches, and returns the first one. */
  Line await(String what, Predicate<Line> match, Duration timeout) {
    try {
      return Awaitility.await(id + ": " + what)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> firstOrEnded(match, what), Optional::isPresent)
          .orElseThrow();
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; " + output(), e);
    }
  }

  /** Kills the peer with SIGKILL, as a crash would, and waits for it to be gone. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("peer " + id + " survived SIGKILL for 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Asks the peer to quit, without waiting. */
  void requestQuit() {
    if (process.isAlive()) {
      try {
        command("quit");
      } catch (IllegalStateException e) {
        // Already on its way out.
      }
    }
  }

  /** Asks the peer to quit, and kills it if it has not within a few seconds. */
  @Override
  public void close() {
    requestQuit();
    if (process.isAlive()) {
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
    }
  }

  /** The peer's last lines and its stderr, for failure messages. */
  String output() {
    StringBuilder sb =
        new StringBuilder("peer ")
            .append(id)
            .append(" (")
            .append(process.isAlive() ? "running" : "exit " + process.exitValue())
            .append("), ")
            .append(log().tail());
    synchronized (stderr) {
      if (stderr.length() > 0) {
        sb.append("\n  stderr: ")
            .append(stderr.length() > 2000 ? stderr.substring(0, 2000) + "…" : stderr);
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return id;
  }

  private void readStdout() {
    try (BufferedReader in = reader(process.getInputStream())) {
      for (String text; (text = in.readLine()) != null; ) {
        Line line = parse(text);
        synchronized (lines) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      // The process ended: its output ends here.
    }
  }

  /** A line as {@link PeerOutput} prints it; anything else becomes an error line. */
  private static Line parse(String text) {
    String[] parts = text.split(" ", 3);
    try {
      return new Line(
          Long.parseLong(parts[0]),
          PeerLine.valueOf(parts[1].toUpperCase(Locale.ROOT)),
          parts.length > 2 ? parts[2] : "");
    } catch (RuntimeException e) {
      return new Line(System.nanoTime(), PeerLine.ERROR, "unexpected line: " + text);
    }
  }

  private void readStderr() {
    try (BufferedReader in = reader(process.getErrorStream())) {
      for (String text; (text = in.readLine()) != null; ) {
        synchronized (stderr) {
          stderr.append(text).append('\n');
        }
      }
    } catch (IOException e) {
      // The process ended.
    }
  }

  private static BufferedReader reader(java.io.InputStream stream) {
    return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
