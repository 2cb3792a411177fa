package io.sp4j.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A free TCP port for a C peer to listen on: the system picks one for a throw-away server socket,
 * which is closed again. (sp4j itself binds port 0 and reports the port through {@code
 * Endpoint.port()}.) Another process could take the port in between; on a test machine that is rare
 * enough.
 */
final class FreePorts {
  private FreePorts() {}

  /** A free port on {@code host} (a literal such as 127.0.0.1 or ::1). */
  static int find(String host) {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }
}
