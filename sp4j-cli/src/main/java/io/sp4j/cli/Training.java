package io.sp4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The run bin/spcat records a class-data archive from (AppCDS, or JDK 25's AOT cache), so that
 * later runs start with spcat's classes already loaded and linked: a REQ's one-shot round trip with
 * an spcat REP in this JVM, over tcp:// and ws://, the way a user's runs go.
 */
final class Training {
  private Training() {}

  public static void main(String[] args) {
    List<String> replies = roundTrips();
    SpCat.endIoThreadsForExit();
    System.exit(replies.equals(List.of("pong\n", "pong\n")) ? 0 : 1);
  }

  /** One REQ round trip per transport; returns what each REQ printed. */
  static List<String> roundTrips() {
    List<String> replies = new ArrayList<>();
    for (String scheme : List.of("tcp", "ws")) {
      String url = scheme + "://127.0.0.1:" + freePort() + (scheme.equals("ws") ? "/training" : "");
      Thread rep =
          new Thread(
              () ->
                  spcat(
                      OutputStream.nullOutputStream(),
                      "--rep",
                      "--bind",
                      url,
                      "--data",
                      "pong",
                      "--ascii",
                      "--recv-timeout",
                      "5"),
              "spcat-training-rep");
      rep.setDaemon(true); // it waits for a next request until its timeout; the process ends first
      rep.start();
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      spcat(printed, "--req", "--connect", url, "--data", "ping", "--ascii", "--recv-timeout", "5");
      replies.add(printed.toString(StandardCharsets.UTF_8));
    }
    return replies;
  }

  private static void spcat(OutputStream out, String... args) {
    SpCat.run(
        args,
        InputStream.nullInputStream(),
        out,
        new PrintStream(OutputStream.nullOutputStream()),
        Pacer.SYSTEM,
        () -> {});
  }

  private static int freePort() {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
