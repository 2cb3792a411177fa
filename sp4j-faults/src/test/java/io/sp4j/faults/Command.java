package io.sp4j.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a short system command ({@code ip}, {@code nft}) to its end, with a deadline. */
final class Command {
  private static final long DEADLINE_SECONDS = 20;

  /** What a finished command said. */
  record Result(List<String> command, int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }

    /** This result, or an {@link IllegalStateException} with the command's words if it failed. */
    Result orThrow() {
      if (!ok()) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (exit " + exitCode + "): " + stderr.strip());
      }
      return this;
    }
  }

  private Command() {}

  /** Runs {@code command}, giving it {@code input} on stdin; a command not found exits 127. */
  static Result run(List<String> command, String input) {
    Process process;
    try {
      process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      return new Result(command, 127, "", e.getMessage());
    }
    try {
      FutureTask<String> stdout = readAsync(process.getInputStream());
      FutureTask<String> stderr = readAsync(process.getErrorStream());
      try (OutputStream in = process.getOutputStream()) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            String.join(" ", command) + " still running after " + DEADLINE_SECONDS + " s");
      }
      return new Result(
          command,
          process.exitValue(),
          stdout.get(5, TimeUnit.SECONDS),
          stderr.get(5, TimeUnit.SECONDS));
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException(String.join(" ", command) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    } finally {
      process.destroyForcibly();
    }
  }

  /** Runs {@code command} with nothing on stdin. */
  static Result run(String... command) {
    return run(List.of(command), "");
  }

  /** Reads a whole stream on a thread of its own (the common pool may have only one thread). */
  private static FutureTask<String> readAsync(InputStream stream) {
    FutureTask<String> task =
        new FutureTask<>(
            () -> {
              try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
              }
            });
    Thread reader = new Thread(task, "command-output");
    reader.setDaemon(true);
    reader.start();
    return task;
  }
}
