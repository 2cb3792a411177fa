package io.sp4j.attack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process's output read by two daemon threads: stdout lines queued for {@link #nextLine}
 * (or dropped, for a program whose stdout is only noise, like nanocat echoing every request),
 * stderr kept as text up to 1 MiB.
 */
final class ProcessOutput {
  private static final int STDERR_KEPT = 1 << 20;
  private static final String END = "\u0000end";

  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();

  ProcessOutput(Process process, boolean keepStdout) {
    pump(
        process.getInputStream(),
        line -> {
          if (keepStdout) {
            lines.add(line);
          }
        },
        true,
        "stdout-" + process.pid());
    pump(process.getErrorStream(), this::onStderr, false, "stderr-" + process.pid());
  }

  /**
   * The next stdout line starting with {@code prefix} (others are skipped).
   *
   * @throws TimeoutException if none came within {@code timeout}
   * @throws IOException if stdout ended first
   */
  String nextLine(String prefix, Duration timeout)
      throws TimeoutException, IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new TimeoutException("no '" + prefix.trim() + "' line within " + timeout);
      }
      if (line.equals(END)) {
        lines.add(END);
        throw new IOException("stdout ended before '" + prefix.trim() + "'");
      }
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  /** Everything on stderr so far (the first MiB). */
  String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  private void onStderr(String line) {
    synchronized (stderr) {
      if (stderr.length() < STDERR_KEPT) {
        stderr.append(line).append('\n');
      }
    }
  }

  private void pump(
      InputStream in, java.util.function.Consumer<String> sink, boolean marksEnd, String name) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  sink.accept(line);
                }
              } catch (IOException e) {
                // the process is gone: its output ends here
              } finally {
                if (marksEnd) {
                  lines.add(END);
                }
              }
            },
            name);
    t.setDaemon(true);
    t.start();
  }
}
