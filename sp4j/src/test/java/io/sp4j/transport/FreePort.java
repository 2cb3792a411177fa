package io.sp4j.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A TCP port that was free a moment ago, for tests that must name a port before anything binds it:
 * a dialer started before the bind ({@code TransportContractTest}'s connect-before-bind).
 * Everywhere else tests bind port 0 and use the port they got.
 */
public final class FreePort {
  private FreePort() {}

  public static int on(String host) {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
