package io.sp4j.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * spcat run in this JVM through {@link SpCat#run}: its exit status, what it printed on stdout, and
 * its stderr. {@link #start} runs it on a thread for tests that talk to it over a socket.
 */
final class SpCatRun {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> status = new CompletableFuture<>();
  private final AtomicReference<Thread> thread = new AtomicReference<>();

  private SpCatRun() {}

  /** Runs spcat to its end on this thread. */
  static SpCatRun run(String... args) {
    return runWithStdin(new byte[0], args);
  }

  /** Runs spcat to its end on this thread, with {@code stdin} for {@code --file -}. */
  static SpCatRun runWithStdin(byte[] stdin, String... args) {
    SpCatRun run = new SpCatRun();
    run.execute(stdin, args);
    return run;
  }

  /** Starts spcat on its own thread. */
  static SpCatRun start(String... args) {
    SpCatRun run = new SpCatRun();
    Thread t = new Thread(() -> run.execute(new byte[0], args), "spcat");
    run.thread.set(t);
    t.setDaemon(true);
    t.start();
    return run;
  }

  private void execute(byte[] stdin, String[] args) {
    try (PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status.complete(SpCat.run(args, new ByteArrayInputStream(stdin), out, errStream));
    } catch (Throwable t) {
      status.completeExceptionally(t);
    }
  }

  /** The exit status, waiting up to {@code timeout} for spcat to end. */
  int awaitStatus(Duration timeout) throws Exception {
    return status.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The exit status of a run that has ended. */
  int status() {
    return status.getNow(null);
  }

  boolean hasEnded() {
    return status.isDone();
  }

  /** Interrupts a started spcat, as Ctrl-C would stop nanocat. */
  void interrupt() {
    thread.get().interrupt();
  }

  byte[] stdout() {
    return out.toByteArray();
  }

  String stdoutText() {
    return new String(stdout(), StandardCharsets.ISO_8859_1);
  }

  String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
