package io.sp4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real nanocat (nanomsg-utils 1.1.5) and spcat each receive the same messages from nanocat over
 * ws:// and print them in the same format: the bytes printed must be the same.
 */
@Timeout(60)
class NanocatInteropTest {
  private static final Duration PROCESS_END = Duration.ofSeconds(20);

  @TempDir Path dir;

  @BeforeAll
  static void nanocatIsInstalled() {
    boolean found =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(p -> Files.isExecutable(Path.of(p, "nanocat")));
    assertThat(found)
        .as("nanocat (Debian nanomsg-utils) must be installed; .ci/run installs it")
        .isTrue();
  }

  static Stream<String> formats() {
    return Stream.of("raw", "ascii", "quoted", "msgpack", "hex");
  }

  @ParameterizedTest(name = "--format {0}")
  @MethodSource("formats")
  void spcatPrintsTheBytesNanocatPrints(String format) throws Exception {
    List<byte[]> messages =
        List.of(everyByte(), "hello".getBytes(StandardCharsets.US_ASCII), new byte[300]);
    int nanocatPort = freePort();
    int spcatPort = freePort();
    Path nanocatOut = dir.resolve("nanocat.out");

    Process nanocat =
        new ProcessBuilder(
                "nanocat",
                "--pull",
                "--bind",
                "ws://127.0.0.1:" + nanocatPort,
                "--recv-timeout",
                "2",
                "--format",
                format)
            .redirectOutput(nanocatOut.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    SpCatRun spcat =
        SpCatRun.start(
            "--pull",
            "--bind",
            "ws://127.0.0.1:" + spcatPort,
            "--recv-timeout",
            "2",
            "--format",
            format);
    try {
      for (int i = 0; i < messages.size(); i++) {
        Path file = dir.resolve("message" + i);
        Files.write(file, messages.get(i));
        sendWithNanocat(nanocatPort, file);
        sendWithNanocat(spcatPort, file);
      }
      assertThat(nanocat.waitFor(PROCESS_END.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(spcat.awaitStatus(PROCESS_END)).isZero();
    } finally {
      nanocat.destroyForcibly();
    }

    byte[] expected = Files.readAllBytes(nanocatOut);
    assertThat(expected).as("nanocat printed something").isNotEmpty();
    assertThat(spcat.stdout()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "spcat --req over {0} {1} against nanocat --rep")
  @MethodSource("requestCases")
  void spcatRequestGetsNanocatsReply(String scheme, String frames) throws Exception {
    String url =
        switch (scheme) {
          case "ws" -> "ws://127.0.0.1:" + freePort(); // nanomsg cannot bind a path
          case "tcp" -> "tcp://127.0.0.1:" + freePort();
          default -> "ipc://" + dir.resolve("rep.ipc");
        };
    Path repOut = dir.resolve("rep.out");
    Process rep =
        new ProcessBuilder(
                "nanocat", "--rep", "--bind", url, "-D", "pong", "--recv-timeout", "2", "-Q")
            .redirectOutput(repOut.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      List<String> args = new ArrayList<>(List.of("--req", "--connect", url, "-D", "ping", "-Q"));
      if (!frames.isEmpty()) {
        args.add(frames);
      }
      SpCatRun spcat = SpCatRun.start(args.toArray(String[]::new));

      assertThat(spcat.awaitStatus(PROCESS_END)).isZero();
      assertThat(spcat.stdoutText()).isEqualTo("\"pong\"\n");
      // nanocat's REP with data ends on its receive timeout, with status 3.
      assertThat(rep.waitFor(PROCESS_END.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(Files.readString(repOut)).isEqualTo("\"ping\"\n");
    } finally {
      rep.destroyForcibly();
    }
  }

  static Stream<Arguments> requestCases() {
    return Stream.of(
        Arguments.of("ws", ""),
        Arguments.of("ws", "--text"),
        Arguments.of("tcp", ""),
        Arguments.of("ipc", ""));
  }

  @org.junit.jupiter.api.Test
  void bindLocalAndConnectLocalMeanTcpOnLoopback() throws Exception {
    int port = freePort();
    SpCatRun pull =
        SpCatRun.start("--pull", "-L", String.valueOf(port), "--recv-timeout", "3", "-A");
    Process push =
        new ProcessBuilder("nanocat", "--push", "-l", String.valueOf(port), "-D", "over tcp")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      assertThat(pull.awaitStatus(PROCESS_END)).isZero();
      assertThat(pull.stdoutText()).isEqualTo("over tcp\n");
    } finally {
      push.destroyForcibly();
    }
  }

  private static void sendWithNanocat(int port, Path file)
      throws IOException, InterruptedException {
    awaitListening(port); // a nanomsg dialer that fails its first handshakes may give up for good
    List<String> command =
        new ArrayList<>(
            List.of(
                "nanocat",
                "--push",
                "--connect",
                "ws://127.0.0.1:" + port,
                "-F",
                file.toString(),
                "--send-timeout",
                "10"));
    Process push =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      assertThat(push.waitFor(PROCESS_END.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(push.exitValue()).as("nanocat --push status").isZero();
    } finally {
      push.destroyForcibly();
    }
  }

  private static void awaitListening(int port) {
    org.awaitility.Awaitility.await()
        .atMost(PROCESS_END)
        .ignoreExceptions()
        .until(
            () -> {
              try (java.net.Socket probe =
                  new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
              }
            });
  }

  private static byte[] everyByte() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    return all;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
