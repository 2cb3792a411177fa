package io.sp4j.bench.scale;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Loopback ports: a free one to bind, and the connections the kernel lists as established on one.
 */
final class Loopback {
  private Loopback() {}

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Connections in state ESTABLISHED whose local port is {@code port} (the server's ends). */
  static int established(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    int n = 0;
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(file);
      if (!Files.exists(p)) {
        continue;
      }
      for (String l : Files.readAllLines(p)) {
        String[] f = l.trim().split("\\s+");
        if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("01")) {
          n++;
        }
      }
    }
    return n;
  }

  static void awaitEstablished(int port, int want, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    int have;
    while ((have = established(port)) < want) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "only " + have + " of " + want + " connections established");
      }
      Thread.sleep(50);
    }
  }
}
