package io.sp4j.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Ports on the loopback: a free one for a program that cannot bind port 0, and whether one listens.
 */
public final class LoopbackPorts {
  private LoopbackPorts() {}

  /**
   * A port the system just gave a throw-away listener on 127.0.0.1. Another process could take it
   * before it is used; on a test machine that is rare enough.
   */
  public static int free() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  /** Whether some socket listens on TCP {@code port} ({@code /proc/net/tcp}, state 0A). */
  public static boolean listening(int port) {
    String hexPort = String.format(Locale.ROOT, ":%04X", port);
    for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String l : Files.readAllLines(Path.of(file))) {
          String[] f = l.trim().split("\\s+", -1);
          if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
            return true;
          }
        }
      } catch (IOException e) {
        // no IPv6 on this machine: the other file tells
      }
    }
    return false;
  }
}
