package io.sp4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * spperf runs and prints nanomsg's lines: each pair of tools in one JVM over ws://, tcp://
 * (127.0.0.1) and ipc:// (the connecting side redials until the binding side listens). Checks the
 * output format only; a benchmark is not a test, so no speed is asserted.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SpPerfSmokeTest {

  @TempDir Path dir;

  /** A fresh address of the scheme: ws and tcp on a free loopback port, ipc in a temp dir. */
  private String url(String scheme) throws IOException {
    return scheme.equals("ipc")
        ? "ipc://" + dir.resolve("perf.ipc")
        : scheme + "://127.0.0.1:" + freePort();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"ws", "tcp", "ipc"})
  void throughputToolsPrintNanomsgLines(String scheme) throws Exception {
    String url = url(scheme);
    Run local = Run.start("local_thr", url, "64", "2000");
    Run remote = Run.start("remote_thr", url, "64", "2000");
    assertThat(local.status()).isZero();
    assertThat(remote.status()).isZero();
    assertThat(remote.output()).isEmpty();
    assertThat(local.output())
        .matches(
            """
        message size: 64 \\[B\\]
        message count: 2000
        throughput: [1-9][0-9]* \\[msg/s\\]
        throughput: [0-9]+\\.[0-9]{3} \\[Mb/s\\]
        """);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"ws", "tcp", "ipc"})
  void latencyToolsPrintNanomsgLines(String scheme) throws Exception {
    String url = url(scheme);
    Run local = Run.start("local_lat", url, "64", "500");
    Run remote = Run.start("remote_lat", url, "64", "500");
    assertThat(remote.status()).isZero();
    assertThat(local.status()).isZero();
    assertThat(local.output()).isEmpty();
    assertThat(remote.output())
        .matches(
            """
        message size: 64 \\[B\\]
        roundtrip count: 500
        average latency: [0-9]+\\.[0-9]{3} \\[us\\]
        """);
  }

  @Test
  void wrongArgumentCountPrintsTheToolsUsage() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        SpPerf.run(
            new String[] {"local_thr", "ws://127.0.0.1:1"},
            new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("usage: local_thr <bind-to> <msg-size> <msg-count>\n");
  }

  @Test
  void sizesParseAsAtoi() {
    assertThat(SpPerf.atoi("64")).isEqualTo(64);
    assertThat(SpPerf.atoi(" 1024x")).isEqualTo(1024);
    assertThat(SpPerf.atoi("abc")).isZero();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** One tool running on its own thread, its output captured. */
  private record Run(CompletableFuture<Integer> status0, ByteArrayOutputStream bytes) {
    static Run start(String... args) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      CompletableFuture<Integer> status = new CompletableFuture<>();
      Thread t =
          new Thread(
              () -> {
                try {
                  status.complete(SpPerf.run(args, out));
                } catch (Throwable e) {
                  status.completeExceptionally(e);
                }
              },
              "spperf-" + args[0]);
      t.setDaemon(true);
      t.start();
      return new Run(status, bytes);
    }

    int status() throws Exception {
      return status0.get(50, TimeUnit.SECONDS);
    }

    String output() throws Exception {
      status();
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
