package io.sp4j.bench.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A soak process started by the runner: commands to its stdin, its stdout's lines read on a thread
 * of their own, its stderr (warnings, Netty's leak reports, the load's errors) into a log file of
 * the run. Closing it closes its stdin, which ends it; a process that does not end in time is
 * killed.
 */
final class Child implements AutoCloseable {
  private static final String END = "\u0000end";

  private final String name;
  private final Process process;
  private final PrintWriter in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private Child(String name, Process process) {
    this.name = name;
    this.process = process;
    this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "soak-" + name + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static Child start(String name, List<String> command, Path log) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new Child(name, builder.start());
  }

  private void readLines() {
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // the process is gone; END says so
    } finally {
      lines.add(END);
    }
  }

  long pid() {
    return process.pid();
  }

  CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  void send(String command) {
    in.println(command);
  }

  /** Waits for the line {@code word} (other lines are skipped). */
  void expect(String word, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(
            "the "
                + name
                + " process (pid "
                + pid()
                + ") did not say '"
                + word
                + "' within "
                + seconds
                + " s");
      }
      if (line.equals(END)) {
        throw new IllegalStateException(
            "the "
                + name
                + " process (pid "
                + pid()
                + ") ended before '"
                + word
                + "'; see its log");
      }
      if (line.equals(word)) {
        return;
      }
    }
  }

  /** Sends {@code command} and waits for its answer {@code word}. */
  void ask(String command, String word, long seconds) throws InterruptedException {
    send(command);
    expect(word, seconds);
  }

  /** Ends the process: stdin closed, 20 s to end, then killed. */
  @Override
  public void close() throws InterruptedException {
    in.close();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Kills the process at once (the runner itself is being stopped). */
  void kill() {
    process.destroyForcibly();
  }
}
