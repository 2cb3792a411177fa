package io.sp4j.interop;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A peer program run by a test: its stdout and stderr captured as bytes by two reader threads, its
 * end awaited with a deadline. {@link #close()} destroys it (the {@link Interop} fixture closes
 * every process after each test).
 */
final class PeerProcess implements AutoCloseable {
  private final List<String> command;
  private final Process process;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private PeerProcess(List<String> command, Process process) {
    this.command = List.copyOf(command);
    this.process = process;
    this.stdoutReader = pump(process.getInputStream(), stdout, "stdout");
    this.stderrReader = pump(process.getErrorStream(), stderr, "stderr");
  }

  /** Starts {@code command}; its stdin is closed at once. */
  static PeerProcess start(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      process.getOutputStream().close();
      return new PeerProcess(command, process);
    } catch (IOException e) {
      throw new AssertionError("could not start " + command + ": " + e.getMessage(), e);
    }
  }

  /** Everything written to stdout so far. */
  byte[] stdout() {
    synchronized (stdout) {
      return stdout.toByteArray();
    }
  }

  /** stdout so far as UTF-8 text. */
  String stdoutText() {
    return new String(stdout(), StandardCharsets.UTF_8);
  }

  /** Everything written to stderr so far, as text. */
  String stderrText() {
    synchronized (stderr) {
      return stderr.toString(StandardCharsets.UTF_8);
    }
  }

  /** Whether stdout so far contains {@code needle}. */
  boolean stdoutContains(byte[] needle) {
    return indexOf(stdout(), needle) >= 0;
  }

  /** Whether stdout so far contains {@code text} (UTF-8). */
  boolean stdoutContains(String text) {
    return stdoutContains(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Waits until stdout contains {@code text}; fails with the process's output when it does not
   * within {@code timeout} or the process ends without printing it.
   */
  void awaitStdout(String text, Duration timeout) {
    try {
      Awaitility.await("stdout of " + this + " to contain '" + text + "'")
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(20))
          .until(
              () -> {
                if (stdoutContains(text)) {
                  return true;
                }
                if (!process.isAlive() && drained() && !stdoutContains(text)) {
                  throw new AssertionError(
                      this
                          + " ended (exit "
                          + process.exitValue()
                          + ") without printing '"
                          + text
                          + "'; "
                          + output());
                }
                return false;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(e.getMessage() + "; " + output(), e);
    }
  }

  /** stdout and stderr so far, for failure messages. */
  String output() {
    return "stdout: " + printable(stdout()) + ", stderr: '" + stderrText() + "'";
  }

  /** Waits for the process to end and returns its exit code; fails after {@code timeout}. */
  int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(this + " still running after " + timeout + "; " + output());
      }
      drained();
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + this, e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Destroys the process (SIGTERM, then SIGKILL after 2 s) and waits for its output to end. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      stdoutReader.join(2000);
      stderrReader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return String.join(" ", command);
  }

  /** Waits briefly for the readers after the process ended, so no output is missed. */
  private boolean drained() {
    try {
      stdoutReader.join(2000);
      stderrReader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  private Thread pump(InputStream in, ByteArrayOutputStream sink, String name) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  synchronized (sink) {
                    sink.write(buffer, 0, n);
                  }
                }
              } catch (IOException e) {
                // The process was destroyed: its output ends here.
              }
            },
            "peer-" + name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    return ByteBufUtil.indexOf(Unpooled.wrappedBuffer(needle), Unpooled.wrappedBuffer(haystack));
  }

  private static String printable(byte[] bytes) {
    int shown = Math.min(bytes.length, 400);
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < shown; i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f) {
        sb.append((char) b);
      } else if (b == '\n') {
        sb.append("\\n");
      } else {
        sb.append(String.format("\\x%02x", b));
      }
    }
    sb.append('\'');
    if (bytes.length > shown) {
      sb.append("… (").append(bytes.length).append(" bytes)");
    }
    return sb.toString();
  }
}
