package io.sp4j.bench;

import io.sp4j.transport.netty.EventLoops;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The run bin/spperf records a class-data archive from (AppCDS, or JDK 25's AOT cache), so that a
 * short run measures messages rather than class loading: each pair of tools, in this JVM, over
 * tcp:// and ws://, with a few small messages.
 */
final class SpPerfTraining {
  private static final List<List<String>> PAIRS =
      List.of(List.of("local_lat", "remote_lat"), List.of("local_thr", "remote_thr"));

  private SpPerfTraining() {}

  public static void main(String[] args) throws Exception {
    int status = runPairs();
    EventLoops.endBeforeExit(Duration.ofMillis(500));
    System.exit(status);
  }

  /** Runs every pair to its end; returns 0 when all of them succeeded. */
  static int runPairs() throws InterruptedException, ExecutionException, TimeoutException {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    int status = 0;
    for (String scheme : List.of("tcp", "ws")) {
      for (List<String> pair : PAIRS) {
        String url = scheme + "://127.0.0.1:" + freePort();
        CompletableFuture<Integer> local =
            CompletableFuture.supplyAsync(
                () -> SpPerf.run(new String[] {pair.get(0), url, "64", "200"}, quiet));
        status |= SpPerf.run(new String[] {pair.get(1), url, "64", "200"}, quiet);
        status |= local.get(60, TimeUnit.SECONDS);
      }
    }
    return status;
  }

  private static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
