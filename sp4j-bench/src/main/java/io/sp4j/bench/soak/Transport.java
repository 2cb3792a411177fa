package io.sp4j.bench.soak;

import java.nio.file.Path;
import java.util.List;

/**
 * The schemes the soak runs over. Every network scheme binds on the loopback address only; {@code
 * inproc://} joins sockets inside the server process, so its clients run there.
 */
enum Transport {
  TCP("tcp"),
  WS("ws"),
  IPC("ipc"),
  WSS("wss"),
  INPROC("inproc");

  /** The schemes whose clients run in the client process. */
  static final List<Transport> NETWORK = List.of(TCP, WS, IPC, WSS);

  final String scheme;

  Transport(String scheme) {
    this.scheme = scheme;
  }

  /** The address a server socket of {@code pattern} binds (port 0: the system picks one). */
  String bindUrl(Pattern pattern, Path ipcDir) {
    return switch (this) {
      case TCP -> "tcp://127.0.0.1:0";
      case WS, WSS -> scheme + "://127.0.0.1:0/" + pattern.slug();
      case IPC -> "ipc://" + ipcDir.resolve(pattern.slug() + ".ipc");
      case INPROC -> "inproc://soak-" + pattern.slug();
    };
  }

  /** The address clients dial, once the server's endpoint has its port. */
  String connectUrl(Pattern pattern, Path ipcDir, int port) {
    return switch (this) {
      case TCP -> "tcp://127.0.0.1:" + port;
      case WS, WSS -> scheme + "://127.0.0.1:" + port + "/" + pattern.slug();
      case IPC, INPROC -> bindUrl(pattern, ipcDir);
    };
  }
}
