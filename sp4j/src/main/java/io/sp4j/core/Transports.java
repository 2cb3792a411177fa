package io.sp4j.core;

import io.sp4j.Errno;
import io.sp4j.SpException;
import io.sp4j.transport.inproc.InprocTransport;
import io.sp4j.transport.ipc.IpcTransport;
import io.sp4j.transport.tcp.TcpTransport;
import io.sp4j.transport.ws.WsTransport;
import java.util.Map;

/** The transports sp4j knows, by scheme. */
public final class Transports {
  private static final Map<String, Transport> BY_SCHEME = Map.of(
      "inproc", InprocTransport.INSTANCE,
      "ipc", IpcTransport.INSTANCE,
      "tcp", TcpTransport.INSTANCE,
      "ws", WsTransport.INSTANCE,
      "wss", WsTransport.SECURE);

  private Transports() {}

  /**
   * The transport for an address's scheme.
   *
   * @throws SpException EPROTONOSUPPORT if sp4j has none
   */
  public static Transport forScheme(String scheme) {
    Transport transport = BY_SCHEME.get(scheme);
    if (transport == null) {
      throw new SpException(Errno.EPROTONOSUPPORT, "no transport for scheme '" + scheme + "'");
    }
    return transport;
  }
}
