package io.sp4j.interop;

import io.sp4j.Socket;
import java.nio.file.Path;
import java.util.Locale;

/** The network transports the peers share with sp4j, and how each gets an address on loopback. */
enum Scheme {
  WS,
  TCP,
  IPC;

  /** Binds {@code socket} (port 0, or a socket file in {@code dir}); returns the URL to dial. */
  String bind(Socket socket, Path dir) {
    if (this == IPC) {
      String url = "ipc://" + dir.resolve("sp4j.sock");
      socket.bind(url);
      return url;
    }
    String prefix = scheme() + "://127.0.0.1:";
    return prefix + socket.bind(prefix + "0").port();
  }

  /** An address a peer program can listen on. */
  String peerUrl(Path dir) {
    return this == IPC
        ? "ipc://" + dir.resolve("peer.sock")
        : scheme() + "://127.0.0.1:" + FreePorts.find("127.0.0.1");
  }

  String scheme() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return scheme() + "://";
  }
}
