package io.sp4j.bench.scale;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A started role: lines to its stdin, lines from its stdout; stderr passes through. */
final class RoleProcess implements AutoCloseable {
  private static final String EOF = "\u0000eof";

  private final Process process;
  private final PrintWriter in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private RoleProcess(Process process) {
    this.process = process;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "scale-child-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  static RoleProcess start(List<String> command) {
    try {
      return new RoleProcess(
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** The value of {@code key=value} in a line a role printed. */
  static String field(String line, String key) {
    for (String f : line.split(" ")) {
      if (f.startsWith(key + "=")) {
        return f.substring(key.length() + 1);
      }
    }
    throw new IllegalArgumentException("no " + key + " in: " + line);
  }

  private void readLines() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String l;
      while ((l = r.readLine()) != null) {
        lines.add(l);
      }
    } catch (IOException e) {
      // the child is gone
    } finally {
      lines.add(EOF);
    }
  }

  long pid() {
    return process.pid();
  }

  void send(String line) {
    in.println(line);
  }

  /** The next line that starts with {@code prefix} (other lines are skipped). */
  String expect(String prefix, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String l = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (l == null) {
        throw new IllegalStateException(
            "no '" + prefix + "' from pid " + process.pid() + " in " + seconds + " s");
      }
      if (l.equals(EOF)) {
        throw new IllegalStateException("pid " + process.pid() + " ended before '" + prefix + "'");
      }
      if (l.startsWith(prefix)) {
        return l;
      }
    }
  }

  void quit() throws InterruptedException {
    send("quit");
    in.close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroy();
    }
  }

  @Override
  public void close() throws InterruptedException {
    in.close();
    if (process.isAlive() && !process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
